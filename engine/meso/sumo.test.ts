import { describe, expect, it } from 'vitest';
import { GraphBuilder } from '../graph/graph-builder.ts';
import { parseSumoNet } from './sumo-net-reader.ts';
import { sumoEdgesXml, sumoNodesXml, sumoRoutesXml, sumoTripsXml } from './sumo-export.ts';

// The shape netgenerate writes (SUMO 1.15): internal edges and junctions are skipped.
const NET = `<?xml version="1.0" encoding="UTF-8"?>
<net version="1.9" junctionCornerDetail="5" limitTurnSpeed="5.50">
    <location netOffset="0.00,0.00" convBoundary="0.00,0.00,100.00,0.00" origBoundary="0.00,0.00,100.00,0.00" projParameter="!"/>
    <edge id=":B_0" function="internal">
        <lane id=":B_0_0" index="0" speed="6.08" length="7.74" shape="0,0 1,1"/>
    </edge>
    <edge id="AB" from="A" to="B" priority="-1">
        <lane id="AB_0" index="0" speed="13.89" length="92.80" shape="0,0 92.8,0"/>
        <lane id="AB_1" index="1" speed="13.89" length="92.80" shape="0,3 92.8,3"/>
    </edge>
    <edge id="BA" from="B" to="A" priority="-1">
        <lane id="BA_0" index="0" speed="8.33" length="92.80" shape="92.8,0 0,0"/>
    </edge>
    <junction id="A" type="dead_end" x="0.00" y="0.00" incLanes="BA_0" intLanes="" shape="0,0"/>
    <junction id="B" type="priority" x="100.00" y="0.00" incLanes="AB_0" intLanes=":B_0_0" shape="0,0"/>
    <junction id=":B_0_0" type="internal" x="99.00" y="0.00" incLanes="" intLanes=""/>
</net>`;

describe('SUMO network reader', () => {
  it('reads junctions and non-internal edges with lanes, lane speed and lane length', () => {
    const { graph, nodeIds, edgeIds } = parseSumoNet(NET, 'grid.net.xml', { capacityPerLaneVph: 1800 });
    expect(nodeIds).toEqual(['A', 'B']);
    expect(graph.edgeCount).toBe(2);
    const ab = edgeIds.indexOf('AB');
    expect(graph.lanes[ab]).toBe(2);
    expect(graph.lengthM[ab]).toBeCloseTo(92.8, 6);
    expect(graph.speedKmh[ab]).toBeCloseTo(50, 1);
    expect(graph.capacityVph[ab]).toBe(3600);
    expect(graph.freeFlowS[edgeIds.indexOf('BA')]).toBeCloseTo(92.8 / 8.33, 6);
    // x = 100 m east of the anchor
    expect((graph.nodeLon[1] - graph.nodeLon[0]) * 111_195 * Math.cos((graph.nodeLat[0] * Math.PI) / 180)).toBeCloseTo(100, 0);
  });

  it('answers a file that is not a SUMO network in one line naming it', () => {
    expect(() => parseSumoNet('<nodes/>', 'x.net.xml')).toThrow(/^x\.net\.xml: expected a SUMO \.net\.xml/);
    expect(() => parseSumoNet('<net><edge', 'y.net.xml')).toThrow(/^y\.net\.xml: not well-formed XML/);
  });
});

describe('SUMO export', () => {
  const b = new GraphBuilder({ name: 't', source: 'test', synthetic: true });
  b.addNode(-51, -30);
  b.addNode(-50.999, -30);
  b.addNode(-50.998, -30);
  b.addEdge({ tail: 0, head: 1, lengthM: 96.4, capacityVph: 1800, speedKmh: 36, lanes: 2, roadClass: 4 });
  b.addEdge({ tail: 1, head: 2, lengthM: 96.4, capacityVph: 900, speedKmh: 72, lanes: 1, roadClass: 11 });
  const g = b.finish();

  it('writes plain nodes and edges for netconvert: numLanes, speed in m/s, length, priority by class', () => {
    const nod = sumoNodesXml(g);
    expect(nod.match(/<node /g)?.length).toBe(3);
    expect(nod).toMatch(/<node id="n1" x="-?0\.00" y="-?0\.00"\/>/);
    const edg = sumoEdgesXml(g);
    expect(edg).toContain('<edge id="e0" from="n0" to="n1" numLanes="2" speed="10.00" priority="10" length="96.40"/>');
    expect(edg).toContain('<edge id="e1" from="n1" to="n2" numLanes="1" speed="20.00" priority="3" length="96.40"/>');
  });

  it('writes trips and routes sorted by departure', () => {
    const trips = sumoTripsXml([30, 10], [0, 1], [2, 2]);
    expect(trips.indexOf('id="1"')).toBeLessThan(trips.indexOf('id="0"'));
    expect(trips).toContain('<trip id="1" depart="10" fromJunction="n1" toJunction="n2"/>');
    const rou = sumoRoutesXml({ vehicleCount: 3, departS: Int32Array.from([5, 0, 9]), routeStart: Int32Array.from([0, 2, 3, 3]), routeLinks: Int32Array.from([0, 1, 1]) });
    expect(rou).toContain('<vehicle id="1" depart="0"><route edges="e1"/></vehicle>');
    expect(rou).toContain('<vehicle id="0" depart="5"><route edges="e0 e1"/></vehicle>');
    expect(rou).not.toContain('id="2"');
  });
});
