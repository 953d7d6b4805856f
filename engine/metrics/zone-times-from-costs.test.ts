/**
 * Zone times from the assignment's own last searches equal those of a fresh search on the
 * final link times: the same paths, found once.
 */
import { describe, expect, it } from 'vitest';
import { algorithmB } from '../assignment/algorithm-b.ts';
import { costIsTravelTime } from '../assignment/network.ts';
import { ROAD_BPR, roadAssignmentNetwork, roadEdgeFlows } from '../assignment/road-network.ts';
import { demandOnNodes } from '../demand/node-demand.ts';
import { randomGridGraph } from '../graph/random-graph.ts';
import { linkMetrics } from './link-metrics.ts';
import { zoneTimes, zoneTimesFromCosts } from './zone-times.ts';

describe('zone times from the assignment\'s zone costs', () => {
  it('equal a fresh search on the final link times, zones without demand and zones sharing a node included', async () => {
    const graph = randomGridGraph({ seed: 11, cols: 24, rows: 24, oneWayShare: 0.2, missingShare: 0.05 });
    // 60 zones on 50 distinct nodes; zones 50..59 share nodes with others and send nothing
    const z = 60;
    const zoneNode = Uint32Array.from({ length: z }, (_, i) => (i < 50 ? (i * 7919) % graph.nodeCount : (((i - 50) * 7919) % graph.nodeCount)));
    const rowStart = new Uint32Array(z + 1);
    const dest: number[] = [];
    const flow: number[] = [];
    for (let o = 0; o < z; o++) {
      // zones 40..59 start no trips: no row of their own in the costs
      if (o < 40) for (let d = 0; d < z; d++) if (d !== o && (o + d) % 3 === 0) {
        dest.push(d);
        flow.push(40 + ((o * d) % 50));
      }
      rowStart[o + 1] = dest.length;
    }
    const od = { zoneCount: z, rowStart, dest: Uint32Array.from(dest), flow: Float64Array.from(flow), total: flow.reduce((a, b) => a + b, 0) };
    const nodeOd = demandOnNodes(od, zoneNode);
    const net = roadAssignmentNetwork(graph, nodeOd.zoneNodes);
    expect(costIsTravelTime(net)).toBe(true);
    const r = await algorithmB(net, nodeOd.demand, { method: 'algb', gap: 1e-8, maxIter: 500, workers: 1, keepZoneCosts: true });
    expect(r.status).toBe('converged');
    expect(r.zoneCosts!.origins.length).toBeLessThan(net.zoneCount);
    const times = linkMetrics(graph, roadEdgeFlows(new Float64Array(graph.edgeCount), net, r.flow), ROAD_BPR).timeS;
    const searched = zoneTimes(graph, times, zoneNode);
    const fromCosts = zoneTimesFromCosts(graph, times, zoneNode, net.zoneNodes, r.zoneCosts!);
    let congested = 0;
    for (let k = 0; k < z * z; k++) {
      if (Number.isNaN(searched[k])) expect(fromCosts[k]).toBeNaN();
      else expect(Math.abs(fromCosts[k] - searched[k])).toBeLessThanOrEqual(1e-5 * searched[k]);
    }
    for (let e = 0; e < graph.edgeCount; e++) if (times[e] > 1.01 * graph.freeFlowS[e]) congested++;
    expect(congested).toBeGreaterThan(0);
  });

  it('says when a toll makes the cost more than the time', () => {
    const graph = randomGridGraph({ seed: 3, cols: 4, rows: 4, oneWayShare: 0, missingShare: 0 });
    const net = roadAssignmentNetwork(graph, [0, 5]);
    net.toll[3] = 4.5;
    expect(costIsTravelTime(net)).toBe(true); // no weight on tolls yet
    net.tollFactor = 60;
    expect(costIsTravelTime(net)).toBe(false);
  });
});
