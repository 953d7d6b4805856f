/**
 * The Redis behind the queue, named by a URL: `redis://[user:password@]host:port[/db]`, or
 * `rediss://…` for TLS (ioredis reads both). A URL is shown in messages with its password
 * hidden.
 */
import { Redis } from 'ioredis';

export const QUEUE_NAME = 'gemeo-variants';

export class QueueUrlError extends Error {
  override name = 'UserError';
}

/** The URL, checked: redis:// or rediss://, with a host. */
export function checkQueueUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueUrlError(`--queue "${url}": not a URL; expected redis://host:port or rediss://user:password@host:port`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new QueueUrlError(`--queue ${redact(url)}: expected a redis:// or rediss:// URL, got ${u.protocol}//`);
  if (!u.hostname) throw new QueueUrlError(`--queue ${redact(url)}: no host`);
  return url;
}

/** The URL with its password replaced by ***. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unreadable URL)';
  }
}

/** A connection for BullMQ (which needs maxRetriesPerRequest: null). */
export function redisConnection(url: string): Redis {
  return new Redis(checkQueueUrl(url), { maxRetriesPerRequest: null, lazyConnect: false });
}
