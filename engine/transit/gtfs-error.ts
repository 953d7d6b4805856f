/** A GTFS feed that cannot be read: one line naming the file, the line and the field. */
export class GtfsError extends Error {
  override name = 'GtfsError';
}
