/**
 * The animation of a dynamic run: its sampled trajectories as a deck.gl TripsLayer fed with
 * binary attributes (startIndices, lon,lat float64 coords, float32 timestamps in seconds after
 * midnight — the result file's own vectors, no copy), and the clock that plays them.
 *
 * Terms: the clock's `time` is seconds after midnight; `span` is [first, last] timestamp of the
 * trajectories; one real second of playback advances SPEED simulated seconds.
 */
import type { Layer } from '@deck.gl/core';
import { TripsLayer } from '@deck.gl/geo-layers';
import type { DynamicTrajectories } from '../../engine/metrics/run-result.ts';

/** Simulated seconds per real second while playing (a 3-hour window in about 1.5 minutes). */
export const SPEED = 120;
/** Seconds of trail drawn behind each vehicle. */
export const TRAIL_S = 300;

export interface TripsData {
  length: number;
  startIndices: Uint32Array;
  attributes: {
    getPath: { value: Float64Array; size: 2 };
    getTimestamps: { value: Float32Array; size: 1 };
  };
}

/** TripsLayer data over a run's trajectory vectors. */
export function tripsData(t: DynamicTrajectories): TripsData {
  return {
    length: t.count,
    startIndices: t.startIndices,
    attributes: { getPath: { value: t.coords, size: 2 }, getTimestamps: { value: t.timestamps, size: 1 } },
  };
}

/** First and last timestamp of the trajectories, seconds after midnight ([0, 0] when none). */
export function tripsSpan(t: DynamicTrajectories): [number, number] {
  const ts = t.timestamps;
  if (ts.length === 0) return [0, 0];
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    if (ts[i] < lo) lo = ts[i];
    if (ts[i] > hi) hi = ts[i];
  }
  return [Math.floor(lo), Math.ceil(hi)];
}

export function tripsLayer(id: string, data: TripsData, time: number): Layer {
  return new TripsLayer({
    id,
    data,
    _pathType: 'open',
    positionFormat: 'XY',
    currentTime: time,
    trailLength: TRAIL_S,
    fadeTrail: true,
    // cyan: no colour class of the road palettes uses it
    getColor: [0, 190, 255],
    widthUnits: 'pixels',
    getWidth: 5,
    widthMinPixels: 3,
    capRounded: true,
    jointRounded: true,
  }) as unknown as Layer;
}

/** "HH:MM" of seconds after midnight. */
export function clockLabel(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Plays `span` with requestAnimationFrame, calling `onTime` on every step; stops at the end.
 * Deterministic in what it draws for a given time: the layer depends on `time` alone.
 */
export class TripsClock {
  time: number;
  playing = false;
  private frame = 0;
  private last = 0;

  constructor(
    readonly span: [number, number],
    private readonly onTime: (time: number, playing: boolean) => void,
  ) {
    this.time = span[0];
  }

  play(): void {
    if (this.playing) return;
    if (this.time >= this.span[1]) this.time = this.span[0];
    this.playing = true;
    this.last = performance.now();
    this.frame = requestAnimationFrame(this.step);
    this.onTime(this.time, true);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.onTime(this.time, false);
  }

  seek(time: number): void {
    this.time = Math.min(this.span[1], Math.max(this.span[0], time));
    this.onTime(this.time, this.playing);
  }

  private readonly step = (now: number): void => {
    if (!this.playing) return;
    this.time = Math.min(this.span[1], this.time + ((now - this.last) / 1000) * SPEED);
    this.last = now;
    if (this.time >= this.span[1]) this.playing = false;
    else this.frame = requestAnimationFrame(this.step);
    this.onTime(this.time, this.playing);
  };
}
