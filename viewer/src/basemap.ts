/**
 * The optional MapLibre basemap: only when a style URL is configured (`gemeo serve --style` or
 * `?style=`); without one nothing is fetched and the viewer stays fully offline. The map sits
 * under deck.gl's canvas and follows its camera (deck's zoom is MapLibre's with 512 px tiles).
 */
import type { Deck } from '@deck.gl/core';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function attachBasemap(deck: Deck<any>, style: string): void {
  const host = document.createElement('div');
  host.id = 'basemap';
  host.style.cssText = 'position:absolute;inset:0;z-index:0';
  const parent = document.getElementById('map')!;
  parent.prepend(host);
  void (async () => {
    const maplibre = await import('maplibre-gl');
    const workerUrl = (await import('maplibre-gl/dist/maplibre-gl-worker.mjs?url')).default;
    maplibre.setWorkerUrl(workerUrl);
    await import('maplibre-gl/dist/maplibre-gl.css');
    const map = new maplibre.Map({ container: host, style, interactive: false, attributionControl: { compact: true } });
    const follow = (v: { longitude: number; latitude: number; zoom: number; bearing?: number; pitch?: number }) =>
      map.jumpTo({ center: [v.longitude, v.latitude], zoom: v.zoom, bearing: v.bearing ?? 0, pitch: v.pitch ?? 0 });
    const previous = deck.props.onViewStateChange;
    deck.setProps({
      onViewStateChange: (p) => {
        follow(p.viewState as never);
        return previous ? previous(p) : p.viewState;
      },
    });
    follow(deck.props.viewState as never);
  })();
}
