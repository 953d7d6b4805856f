/**
 * The 3D twin for presentations (three.js): every loaded edge becomes a vertical ribbon whose
 * height is its volume and whose colour is its v/c class, over a dark ground, with the camera
 * orbiting the city. Geometry is built once into typed arrays (one draw call for all ribbons,
 * one for the road lines); coordinates are metres east/north of the network's centre.
 */
import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { classOf, VC_CLASSES } from '../../engine/display/palette.ts';
import { maxFlow, runBounds } from './road-attributes.ts';
import type { ViewerRun } from './result-decode.ts';

/** From lon/lat to the scene's metres east (x) and south (z) of the network's centre. */
export interface SceneFrame {
  xz(lon: number, lat: number): [number, number];
}

export function sceneFrame(run: ViewerRun): SceneFrame {
  const [w, s, e, n] = runBounds(run);
  const lon0 = (w + e) / 2;
  const lat0 = (s + n) / 2;
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_540;
  return { xz: (lon, lat) => [(lon - lon0) * kx, -(lat - lat0) * ky] };
}

export interface CityScene {
  renderer: THREE.WebGLRenderer;
  frames: number;
  dispose(): void;
}

/** Ribbon vertices of a run: 6 per segment (two triangles), heights in metres. */
export function ribbonGeometry(run: ViewerRun, metresAtTop: number): { positions: Float32Array; colors: Float32Array; lines: Float32Array; radius: number } {
  const [w, s, e, n] = runBounds(run);
  const lon0 = (w + e) / 2;
  const lat0 = (s + n) / 2;
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_540;
  const { geometryOffsets: off, geometryCoords: c, flowVph, vc, count } = run.edges;
  const top = maxFlow(run) || 1;
  const segments = off[count] - count;
  const positions = new Float32Array(segments * 18);
  const colors = new Float32Array(segments * 18);
  const lines = new Float32Array(segments * 6);
  let p = 0;
  let l = 0;
  for (let edge = 0; edge < count; edge++) {
    const h = metresAtTop * Math.sqrt(flowVph[edge] / top);
    const rgb = VC_CLASSES[classOf(VC_CLASSES, vc[edge])].rgb;
    for (let k = off[edge]; k < off[edge + 1] - 1; k++) {
      const x1 = (c[2 * k] - lon0) * kx;
      const z1 = -(c[2 * k + 1] - lat0) * ky;
      const x2 = (c[2 * k + 2] - lon0) * kx;
      const z2 = -(c[2 * k + 3] - lat0) * ky;
      lines.set([x1, 0, z1, x2, 0, z2], l);
      l += 6;
      if (h <= 0) continue;
      positions.set([x1, 0, z1, x2, 0, z2, x2, h, z2, x1, 0, z1, x2, h, z2, x1, h, z1], p);
      for (let v = 0; v < 6; v++) colors.set([rgb[0] / 255, rgb[1] / 255, rgb[2] / 255], p + 3 * v);
      p += 18;
    }
  }
  const radius = Math.max((e - w) * kx, (n - s) * ky) / 2;
  return { positions: positions.subarray(0, p), colors: colors.subarray(0, p), lines: lines.subarray(0, l), radius };
}

/** The scene of `run`; with `marks`, the intervention's walls (three-marks.ts) stand among the ribbons. */
export function showCity(host: HTMLElement, run: ViewerRun, marks?: (frame: SceneFrame, height: number) => { positions: Float32Array; colors: Float32Array }): CityScene {
  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(window.devicePixelRatio);
  renderer.setSize(host.clientWidth, host.clientHeight);
  host.appendChild(renderer.domElement);
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x0d1b2a);
  const probe = ribbonGeometry(run, 1);
  const g = ribbonGeometry(run, probe.radius * 0.12);
  const ribbons = new THREE.BufferGeometry();
  ribbons.setAttribute('position', new THREE.BufferAttribute(g.positions, 3));
  ribbons.setAttribute('color', new THREE.BufferAttribute(g.colors, 3));
  scene.add(new THREE.Mesh(ribbons, new THREE.MeshBasicMaterial({ vertexColors: true, side: THREE.DoubleSide, transparent: true, opacity: 0.9 })));
  if (marks) {
    const m = marks(sceneFrame(run), probe.radius * 0.05);
    if (m.positions.length > 0) {
      const walls = new THREE.BufferGeometry();
      walls.setAttribute('position', new THREE.BufferAttribute(m.positions, 3));
      walls.setAttribute('color', new THREE.BufferAttribute(m.colors, 3));
      scene.add(new THREE.Mesh(walls, new THREE.MeshBasicMaterial({ vertexColors: true, side: THREE.DoubleSide })));
    }
  }
  const roads = new THREE.BufferGeometry();
  roads.setAttribute('position', new THREE.BufferAttribute(g.lines, 3));
  scene.add(new THREE.LineSegments(roads, new THREE.LineBasicMaterial({ color: 0x415a77 })));
  const ground = new THREE.Mesh(new THREE.CircleGeometry(g.radius * 1.6, 64), new THREE.MeshBasicMaterial({ color: 0x1b263b }));
  ground.rotation.x = -Math.PI / 2;
  ground.position.y = -1;
  scene.add(ground);

  const camera = new THREE.PerspectiveCamera(45, host.clientWidth / host.clientHeight, g.radius / 100, g.radius * 20);
  camera.position.set(g.radius * 1.1, g.radius * 0.9, g.radius * 1.1);
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.autoRotate = true;
  controls.autoRotateSpeed = 0.6;
  controls.enableDamping = true;
  const state: CityScene = {
    renderer,
    frames: 0,
    dispose: () => {
      renderer.setAnimationLoop(null);
      renderer.dispose();
    },
  };
  renderer.setAnimationLoop(() => {
    controls.update();
    renderer.render(scene, camera);
    state.frames++;
  });
  window.addEventListener('resize', () => {
    camera.aspect = host.clientWidth / host.clientHeight;
    camera.updateProjectionMatrix();
    renderer.setSize(host.clientWidth, host.clientHeight);
  });
  return state;
}
