/**
 * Bush storage keeps node and edge ids in 16 bits where they fit: the bushes are the same as
 * with 32-bit ids, through first bushes, updates and flow shifts.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTntpNetwork, readTntpTrips } from '../tntp/read-tntp.ts';
import { LinkState } from './algorithm-b-links.ts';
import { BushWorkspace, slotOutput } from './algorithm-b-workspace.ts';
import { equilibrateBush } from './algorithm-b-shift.ts';
import { bushStorage } from './bush.ts';

const dir = fileURLToPath(new URL('../../data/tntp/Anaheim', import.meta.url));
const net = readTntpNetwork(`${dir}/Anaheim_net.tntp`);
const demand = readTntpTrips(`${dir}/Anaheim_trips.tntp`, net.zoneCount);
const origins = Int32Array.from({ length: net.zoneCount }, (_, o) => o).filter((o) => demand.rowStart[o + 1] > demand.rowStart[o]);

function bushesAfterTwoRounds(wide: boolean) {
  const storage = bushStorage(net, origins.length, false, wide);
  const links = new LinkState(net);
  const out = slotOutput(origins.length, false);
  const ws = new BushWorkspace(net, demand, origins, storage, links);
  ws.run('plant', 0, origins.length, out);
  for (let s = 0; s < origins.length; s++) for (let k = 0; k < storage.size[s]; k++) links.flow[storage.edges[s * net.edgeCount + k]] += storage.flow[s * net.edgeCount + k];
  links.refreshAll();
  for (let round = 0; round < 2; round++) {
    ws.run('update', 0, origins.length, out);
    for (let s = 0; s < origins.length; s++) equilibrateBush(ws.bushes, links, s);
  }
  return { storage, flow: Array.from(links.flow) };
}

describe('bush storage ids', () => {
  it('16-bit ids give the bushes and flows of 32-bit ones', () => {
    const narrow = bushesAfterTwoRounds(false);
    const wide = bushesAfterTwoRounds(true);
    expect(narrow.storage.edges).toBeInstanceOf(Uint16Array);
    expect(wide.storage.edges).toBeInstanceOf(Int32Array);
    expect(narrow.flow).toEqual(wide.flow);
    for (let s = 0; s < origins.length; s++) {
      const edges = (st: typeof narrow.storage) => Array.from(st.edges.subarray(s * net.edgeCount, s * net.edgeCount + st.size[s]));
      const order = (st: typeof narrow.storage) => Array.from(st.order.subarray(s * net.nodeCount, s * net.nodeCount + st.orderLength[s]));
      expect(edges(narrow.storage)).toEqual(edges(wide.storage));
      expect(order(narrow.storage)).toEqual(order(wide.storage));
    }
  });
});
