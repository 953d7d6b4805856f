/**
 * A small SYNTHETIC GTFS feed for tests: stops in pairs 100 m apart on a grid 1 km apart
 * (footpaths join the two stops of a pair only, so they are transitively closed), routes as
 * random walks over the grid, trips at random headways, some stop times left empty to be
 * interpolated, one route run from frequencies.txt. Deterministic for a seed. Not a real city.
 */
import { mulberry32 } from '../util/random.ts';

export function syntheticFeedFiles(seed: number, size = 5, routes = 10): Map<string, string> {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const stops: string[] = ['stop_id,stop_name,stop_lat,stop_lon'];
  const lon0 = -51.2;
  const lat0 = -30.0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let k = 0; k < 2; k++) stops.push(`s${y}_${x}_${k},"Stop ${y},${x} ${k ? 'B' : 'A'}",${(lat0 + y * 0.009).toFixed(6)},${(lon0 + x * 0.0104 + k * 0.00104).toFixed(6)}`);
    }
  }
  const routeRows = ['route_id,route_short_name,route_long_name,route_type'];
  const tripRows = ['route_id,service_id,trip_id,direction_id'];
  const stRows = ['trip_id,arrival_time,departure_time,stop_id,stop_sequence'];
  const freqRows = ['trip_id,start_time,end_time,headway_secs'];
  const t = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  for (let r = 0; r < routes; r++) {
    routeRows.push(`R${r},${r},Synthetic line ${r},3`);
    let x = int(size);
    let y = int(size);
    const path: string[] = [];
    const len = 4 + int(6);
    for (let i = 0; i < len; i++) {
      path.push(`s${y}_${x}_${int(2)}`);
      if (rnd() < 0.5) x = Math.min(size - 1, Math.max(0, x + (rnd() < 0.5 ? -1 : 1)));
      else y = Math.min(size - 1, Math.max(0, y + (rnd() < 0.5 ? -1 : 1)));
    }
    const hops = path.map(() => 90 + int(150));
    const headway = 300 + int(900);
    const first = 6 * 3600 + int(1800);
    const frequency = r === 0;
    for (let d = first, n = 0; d < 9 * 3600 && (n === 0 || !frequency); d += headway, n++) {
      const id = `R${r}_${n}`;
      tripRows.push(`R${r},WD,${id},0`);
      let time = d + int(60); // a little irregular, so trips may overtake
      path.forEach((stop, i) => {
        const shown = i === 0 || i === path.length - 1 || rnd() < 0.6;
        stRows.push(`${id},${shown ? t(time) : ''},${shown ? t(time) : ''},${stop},${i + 1}`);
        time += hops[i] + int(40);
      });
      if (frequency) freqRows.push(`${id},${t(d)},${t(9 * 3600)},${headway}`);
    }
  }
  return new Map([
    ['stops.txt', stops.join('\n')],
    ['routes.txt', routeRows.join('\n')],
    ['trips.txt', tripRows.join('\n')],
    ['stop_times.txt', stRows.join('\n')],
    ['frequencies.txt', freqRows.join('\n')],
    ['calendar.txt', 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,20240101,20241231'],
  ]);
}
