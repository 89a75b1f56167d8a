import { z } from 'zod';

// Dates a query may filter by. ISO 8601 allows year 0000 and the far future; PostgreSQL and
// JavaScript disagree at those edges, so the API accepts 1970 to 9999, which covers every record.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59);
const inRange = (value: string) => {
  const t = Date.parse(value);
  return t >= EARLIEST && t <= LATEST;
};

/** A calendar day, YYYY-MM-DD, from 1970-01-01. */
export const IsoDay = z.iso.date().refine(inRange, 'a date from 1970-01-01 to 9999-12-31');

/** A timestamp with an offset, from 1970. */
export const IsoTimestamp = z.iso.datetime({ offset: true }).refine(inRange, 'a time from 1970-01-01 to 9999-12-31');
