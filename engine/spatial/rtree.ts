/**
 * What the spatial indexes need from rbush's internals: the shape of its tree nodes
 * (`index.data` is the root; a leaf's children are the items) and a box walk that reuses one
 * stack and can stop early. rbush's own `search` returns a fresh array per call.
 */
import type RBush from 'rbush';
import type { BBox } from 'rbush';

export interface TreeNode<T> extends BBox {
  children: (TreeNode<T> | T)[];
  leaf: boolean;
  height: number;
}

/** The root node of an rbush tree (rbush 4 keeps it in `data`). */
export function rootOf<T>(tree: RBush<T>): TreeNode<T> {
  return (tree as unknown as { data: TreeNode<T> }).data;
}

/**
 * Calls `visit` for every item whose box touches [minX, maxX] × [minY, maxY]; stops as soon
 * as `visit` returns true and then returns true. `stack` is scratch, emptied on return.
 */
export function walkBox<T extends BBox>(
  root: TreeNode<T>,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  stack: TreeNode<T>[],
  visit: (item: T) => boolean | void,
): boolean {
  stack.length = 0;
  if (!touches(root, minX, minY, maxX, maxY)) return false;
  stack.push(root);
  while (stack.length) {
    const node = stack.pop()!;
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (!touches(child, minX, minY, maxX, maxY)) continue;
      if (node.leaf) {
        if (visit(child as T)) {
          stack.length = 0;
          return true;
        }
      } else {
        stack.push(child as TreeNode<T>);
      }
    }
  }
  return false;
}

function touches(b: BBox, minX: number, minY: number, maxX: number, maxY: number): boolean {
  return b.minX <= maxX && b.minY <= maxY && b.maxX >= minX && b.maxY >= minY;
}
