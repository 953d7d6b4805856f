/**
 * DemandInputError: a problem with what the caller asked for (a city without population, an
 * event outside the city, a negative scale…). Its message is one line that names the thing,
 * the field and what was expected; no stack trace is meant for users.
 */
export class DemandInputError extends Error {
  override name = 'DemandInputError';
}
