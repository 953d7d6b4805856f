import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { activeServices, parseServiceDate, typicalWeekday } from './calendar.ts';
import { readGtfs, readGtfsZip } from './gtfs.ts';
import { GtfsError } from './gtfs-error.ts';
import { readZip } from './zip.ts';

const POA = new URL('../../data/osm/porto-alegre/poa_eptc.zip', import.meta.url).pathname;

const GOOD: Record<string, string> = {
  'stops.txt': 'stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,-30.0,-51.2\nB,"Beta, the second",-30.0,-51.19\nC,Gamma,-30.0,-51.18\n',
  'routes.txt': 'route_id,route_short_name,route_long_name,route_type\nR1,1,One,3\n',
  'trips.txt': 'route_id,service_id,trip_id\nR1,WD,T1\nR1,SAT,T2\n',
  'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,A,1\nT1,,,B,2\nT1,08:10:00,08:10:00,C,3\nT2,25:00:00,25:00:00,A,1\nT2,25:10:00,25:10:00,C,2\n',
  'calendar.txt': 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,20240101,20241231\nSAT,0,0,0,0,0,1,0,20240101,20241231\n',
  'calendar_dates.txt': 'service_id,date,exception_type\nWD,20240612,2\nSAT,20240612,1\n',
};

function feed(change: Record<string, string> = {}) {
  return readGtfs(new Map(Object.entries({ ...GOOD, ...change })), 'test');
}

function errorOf(change: Record<string, string>): string {
  try {
    feed(change);
  } catch (e) {
    expect(e).toBeInstanceOf(GtfsError);
    return (e as Error).message;
  }
  throw new Error('expected the feed to be refused');
}

describe('GTFS reader', () => {
  it('reads stops, routes, trips and interpolates empty stop times by distance', () => {
    const f = feed();
    expect(f.stopName[1]).toBe('Beta, the second');
    expect(f.tripId).toEqual(['T1', 'T2']);
    expect(Array.from(f.stArrival.subarray(0, 3))).toEqual([28_800, 29_100, 29_400]);
    expect(f.stDeparture[3]).toBe(25 * 3600);
  });

  it('picks the services of a date: weekdays in range, then calendar_dates', () => {
    const f = feed();
    expect([...activeServices(f, '20240611')]).toEqual(['WD']);
    expect([...activeServices(f, '20240612')]).toEqual(['SAT']);
    expect(typicalWeekday(f)).toBe('20240102');
    expect(parseServiceDate('2024-06-12')).toBe('20240612');
    expect(() => parseServiceDate('20240231')).toThrow(/--date "20240231": expected a date/);
  });

  it('expands frequencies.txt into trips', () => {
    const f = feed({ 'frequencies.txt': 'trip_id,start_time,end_time,headway_secs\nT1,07:00:00,08:00:00,900\n' });
    expect(f.frequencyTrips).toBe(4);
    expect(f.tripId.slice(0, 4)).toEqual(['T1@07:00:00', 'T1@07:15:00', 'T1@07:30:00', 'T1@07:45:00']);
    expect(f.stArrival[f.tripStart[1] + 2]).toBe(7 * 3600 + 900 + 600);
  });

  it('refuses a bad feed with one line naming file, line and field', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'stops.txt': 'stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,-30.0,-51.2\nB,Beta,north,-51.19\n' }, 'stops.txt:3: stop_lat: expected a number from -90 to 90, got "north"'],
      [{ 'stops.txt': 'stop_id,stop_name,stop_lon\nA,Alpha,-51.2\n' }, 'stops.txt:1: missing column stop_lat (header: stop_id,stop_name,stop_lon)'],
      [{ 'trips.txt': 'route_id,service_id,trip_id\nR9,WD,T1\n' }, 'trips.txt:2: route_id: expected a route_id of routes.txt, got "R9"'],
      [{ 'trips.txt': 'route_id,service_id,trip_id\nR1,HOLIDAY,T1\n' }, 'trips.txt:2: service_id: expected a service_id of calendar.txt or calendar_dates.txt, got "HOLIDAY"'],
      [{ 'stop_times.txt': GOOD['stop_times.txt'].replace('08:10:00,08:10:00', '8h10,8h10') }, 'stop_times.txt:4: arrival_time: expected a time HH:MM:SS, got "8h10"'],
      [{ 'stop_times.txt': GOOD['stop_times.txt'].replace('T1,08:10:00,08:10:00,C', 'T1,07:50:00,07:50:00,C') }, 'stop_times.txt:4: arrival_time: expected a time not before the previous stop\'s 08:00:00, got "07:50:00"'],
      [{ 'stop_times.txt': GOOD['stop_times.txt'].replace('T1,08:10:00,08:10:00,C', 'T1,,,C') }, 'stop_times.txt:4: arrival_time: expected a time at the trip\'s last stop, got ""'],
      [{ 'stop_times.txt': GOOD['stop_times.txt'].replace(',B,2', ',Z,2') }, 'stop_times.txt:3: stop_id: expected a stop_id of stops.txt, got "Z"'],
      [{ 'calendar.txt': GOOD['calendar.txt'].replace('20241231', '2024-12-31') }, 'calendar.txt:2: end_date: expected a date YYYYMMDD, got "2024-12-31"'],
      [{ 'calendar_dates.txt': 'service_id,date,exception_type\nWD,20240612,3\n' }, 'calendar_dates.txt:2: exception_type: expected a number from 1 to 2, got "3"'],
      [{ 'frequencies.txt': 'trip_id,start_time,end_time,headway_secs\nT1,08:00:00,07:00:00,600\n' }, 'frequencies.txt:2: end_time: expected a time after start_time 08:00:00, got "07:00:00"'],
      [{ 'routes.txt': 'route_id,route_short_name,route_long_name,route_type\nR1,1,"One,3\n' }, 'routes.txt:2: unclosed quote'],
    ];
    for (const [change, message] of cases) {
      const m = errorOf(change);
      expect(m).toBe(message);
      expect(m.split('\n')).toHaveLength(1);
    }
    const noStops = new Map(Object.entries(GOOD));
    noStops.delete('stops.txt');
    expect(() => readGtfs(noStops, 'feed.zip')).toThrow('feed.zip: missing stops.txt');
  });

  it('reads stored and deflated ZIP entries and refuses what is not a ZIP', () => {
    const zip = makeZip([['a.txt', 'hello', false], ['dir/b.txt', 'world world world', true]]);
    const files = readZip(zip, 'x.zip');
    expect(files.get('a.txt')!.toString()).toBe('hello');
    expect(files.get('dir/b.txt')!.toString()).toBe('world world world');
    expect(() => readZip(Buffer.from('not a zip at all, not at all, no, not at all'), 'x.zip')).toThrow('x.zip: not a ZIP archive (no end of central directory)');
  });

  it("reads Porto Alegre's EPTC feed with its published counts", () => {
    const f = readGtfsZip(POA);
    expect(f.routeId).toHaveLength(115);
    expect(f.stopId).toHaveLength(3986);
    expect(f.tripId).toHaveLength(2374);
    expect(f.shapes.size).toBe(201);
    expect(f.frequencyTrips).toBe(0);
    const date = typicalWeekday(f);
    expect(date).toBe('20190416');
    expect(activeServices(f, date).size).toBe(115);
    expect(activeServices(f, '20190421').size).toBe(0); // a Sunday: the feed holds weekday services only
  });
});

/** A minimal ZIP writer for the test (stored or deflated entries, no CRC check by the reader). */
function makeZip(entries: [string, string, boolean][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text, deflate] of entries) {
    const raw = Buffer.from(text);
    const data = deflate ? deflateRawSync(raw) : raw;
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
