// What a distributed run records of its parts: in meta.json and parts/parts.json of its run folder.

export interface PartInfo {
  name: string;
  generator: string;
  host: string;
  engine: 'embedded' | 'k6';
  /** Its --execution-segment. */
  segment: string;
  /** What the part exited with; unknown for a part collected from a cluster (k8s collect). */
  exitCode?: number;
  /**
   * Its clock minus ours at start (ms), and the half round trip that bounds the error; its samples were shifted
   * by it. Not measured for a part collected from a cluster: its node's clock is taken as it was.
   */
  clockOffsetMs?: number;
  clockUncertaintyMs?: number;
  /** When its resume was sent and answered, on our clock, in ms after the planned release moment. */
  resumedMs?: [number, number];
  /** Samples of its raw output that went into the merge. */
  samples: number;
  /** Why the part counts as failed: the run is then partial. */
  failed?: string;
}

export interface DistributedRunInfo {
  /** The --execution-segment-sequence every part ran with. */
  sequence: string;
  /** From the first resume sent to the last answered: every part started within it (not known from a cluster). */
  startSpreadMs?: number;
  /** Who started the parts: inferload over its load generators, or the k6-operator on Kubernetes. */
  startedBy?: 'inferload' | 'k6-operator';
  parts: PartInfo[];
}
