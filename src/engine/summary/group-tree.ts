import { createHash } from 'node:crypto';
import type { Sample } from '../metrics/types.ts';

/** k6 lib.GroupSeparator: group paths look like "::outer::inner", the root is "". */
export const GROUP_SEPARATOR = '::';

/** k6 group and check ids: the hex md5 of their path. */
export function pathId(path: string): string {
  return createHash('md5').update(path).digest('hex');
}

/** A check's pass/fail counts within one group. */
export class CheckNode {
  readonly path: string;
  readonly id: string;
  passes = 0;
  fails = 0;

  constructor(
    readonly name: string,
    group: GroupNode,
  ) {
    this.path = group.path + GROUP_SEPARATOR + name;
    this.id = pathId(this.path);
  }
}

/** A group with its sub-groups and checks, both in first-seen order. */
export class GroupNode {
  readonly path: string;
  readonly id: string;
  readonly groups = new Map<string, GroupNode>();
  readonly checks = new Map<string, CheckNode>();

  constructor(
    readonly name: string,
    parent: GroupNode | undefined,
  ) {
    if (name.includes(GROUP_SEPARATOR))
      throw new Error(`group and check names may not contain '${GROUP_SEPARATOR}'`);
    this.path = parent === undefined ? name : parent.path + GROUP_SEPARATOR + name;
    this.id = pathId(this.path);
  }

  /** The child group `name`, created on first use. */
  group(name: string): GroupNode {
    let child = this.groups.get(name);
    if (child === undefined) {
      child = new GroupNode(name, this);
      this.groups.set(name, child);
    }
    return child;
  }

  /** The check `name` in this group, created on first use. */
  check(name: string): CheckNode {
    if (name.includes(GROUP_SEPARATOR)) throw new Error(`check names may not contain '${GROUP_SEPARATOR}'`);
    let check = this.checks.get(name);
    if (check === undefined) {
      check = new CheckNode(name, this);
      this.checks.set(name, check);
    }
    return check;
  }
}

/** The groups and checks of a run, built like k6's GroupSummary from `checks` and `group_duration` samples. */
export class GroupTree {
  readonly root = new GroupNode('', undefined);
  private readonly byPath = new Map<string, GroupNode>([['', this.root]]);

  /** The group at `path` ("" or "::a::b"), creating missing groups along it. */
  groupAt(path: string): GroupNode {
    let group = this.byPath.get(path);
    if (group !== undefined) return group;
    group = this.root;
    for (const name of path.split(GROUP_SEPARATOR).slice(1)) group = group.group(name);
    this.byPath.set(path, group);
    return group;
  }

  /** Counts one check outcome in the group at `groupPath`. */
  recordCheck(groupPath: string, name: string, passed: boolean): void {
    const check = this.groupAt(groupPath).check(name);
    if (passed) check.passes++;
    else check.fails++;
  }

  /** Feeds a sample: `checks` samples count by their group/check tags, `group_duration` creates its group. */
  addSample(sample: Sample): void {
    if (sample.metric !== 'checks' && sample.metric !== 'group_duration') return;
    const groupPath = sample.tags['group'];
    if (groupPath === undefined) return;
    const group = this.groupAt(groupPath);
    if (sample.metric !== 'checks') return;
    const checkName = sample.tags['check'];
    if (checkName === undefined) return;
    const check = group.check(checkName);
    if (sample.value === 0) check.fails++;
    else check.passes++;
  }
}
