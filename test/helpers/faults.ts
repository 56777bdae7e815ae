/**
 * Shared by the three-node fault tests (test/faults, `npm run test:faults`): the cluster's
 * per-node controls (scripts/kafka.js over KAFKA_CONTROL_URL), where a partition's leader and
 * a group's or transactional id's coordinator live, and a reader that checks a topic's
 * contents record by record (loss, duplicates, per-key order).
 */
import { createRequire } from 'node:module';
import {
  AdminClientBuilder,
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  IsolationLevel,
  Offset,
  type IAdminClient,
} from '../../src/index';
import { groupName, sleep } from './consumer';

export const bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS;
export const threeNodes = process.env.KAFKA_NODES === '3' && !!process.env.KAFKA_CONTROL_URL;

interface NodeView {
  id: number;
  pid?: number;
  running: boolean;
  paused: boolean;
}
interface Control {
  nodes(): Promise<NodeView[]>;
  stop(id: number): Promise<NodeView>;
  kill(id: number): Promise<NodeView>;
  pause(id: number): Promise<NodeView>;
  resume(id: number): Promise<NodeView>;
  start(id: number): Promise<NodeView>;
}
const requireCjs = createRequire(__filename);
export function control(): Control {
  const { kafkaControl } = requireCjs('../../scripts/kafka.js') as { kafkaControl: () => Control };
  return kafkaControl();
}

export function admin(): IAdminClient {
  return new AdminClientBuilder({ bootstrapServers: bootstrap! }).build();
}

/** Java's String.hashCode, as the broker hashes group and transactional ids. */
function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}
/** The internal-topic partition the broker maps an id to (Utils.abs(hashCode) % partitions). */
export function coordinatorPartition(id: string, partitions = 10): number {
  const h = javaHash(id);
  return (h === -2147483648 ? 0 : Math.abs(h)) % partitions;
}

export async function leaderOf(a: IAdminClient, topic: string, partition: number): Promise<number> {
  const md = await a.getMetadata(10_000, topic);
  const p = md.topics[0]?.partitions.find((x) => x.partitionId === partition);
  if (!p || p.leader < 0) throw new Error(`no leader for ${topic}[${partition}]`);
  return p.leader;
}
/** The broker coordinating a transactional id (leader of its __transaction_state partition). */
export const transactionCoordinator = (a: IAdminClient, transactionalId: string) => leaderOf(a, '__transaction_state', coordinatorPartition(transactionalId));
/** The broker coordinating a group (leader of its __consumer_offsets partition). */
export const groupCoordinator = (a: IAdminClient, groupId: string) => leaderOf(a, '__consumer_offsets', coordinatorPartition(groupId));

/** Starts every node that is down (together: a KRaft quorum needs two of three), resumes paused ones. */
export async function allUp(): Promise<void> {
  const c = control();
  const nodes = await c.nodes();
  await Promise.all(nodes.filter((n) => n.paused).map((n) => c.resume(n.id)));
  await Promise.all(nodes.filter((n) => !n.running).map((n) => c.start(n.id)));
}

/** Waits until every partition of `topics` has all three replicas in sync again. */
export async function fullIsr(a: IAdminClient, topics: string[], timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let ok = true;
    for (const t of topics) {
      const md = await a.getMetadata(10_000, t).catch(() => null);
      if (!md || md.topics[0].partitions.length === 0 || md.topics[0].partitions.some((p) => p.leader < 0 || p.inSyncReplicas.length < 3)) ok = false;
    }
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`replicas of ${topics.join(', ')} not back in sync within ${timeoutMs} ms`);
    await sleep(500);
  }
}

export interface Read {
  key: string;
  value: string;
  partition: number;
  offset: number;
}
/** Every record of `topic` (all partitions, from the beginning to the end), in log order. */
export async function readAll(topic: string, partitions: number, isolationLevel = IsolationLevel.ReadUncommitted): Promise<Read[]> {
  const c = new ConsumerBuilder({
    bootstrapServers: bootstrap!,
    groupId: groupName('reader'),
    autoOffsetReset: AutoOffsetReset.Earliest,
    enableAutoCommit: false,
    enablePartitionEof: true,
    isolationLevel,
  })
    .setKeyDeserializer(Deserializers.Utf8)
    .setValueDeserializer(Deserializers.Utf8)
    .build();
  const out: Read[] = [];
  try {
    c.assign(Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: Offset.Beginning })));
    const atEnd = new Set<number>();
    while (atEnd.size < partitions) {
      const batch = await c.consumeBatch(10_000, 30_000);
      if (batch.length === 0) throw new Error(`reading ${topic}: nothing for 30 s after ${out.length} records`);
      for (const r of batch) {
        if (r.isPartitionEOF) atEnd.add(r.partition);
        else out.push({ key: r.message!.key!, value: r.message!.value!, partition: r.partition, offset: r.offset });
      }
    }
  } finally {
    await c.close();
  }
  return out;
}

export interface Check {
  records: number;
  distinct: number;
  duplicates: number;
  missing: number;
  outOfOrder: number;
}
/**
 * Compares what a topic holds with what was written: `expected` maps each key to its values in
 * the order written. Counts duplicates, missing values and keys whose order differs.
 */
export function check(read: Read[], expected: Map<string, string[]>): Check {
  const byKey = new Map<string, string[]>();
  for (const r of read) {
    let l = byKey.get(r.key);
    if (!l) byKey.set(r.key, (l = []));
    l.push(r.value);
  }
  let duplicates = 0;
  let missing = 0;
  let outOfOrder = 0;
  let distinct = 0;
  for (const [key, want] of expected) {
    const got = byKey.get(key) ?? [];
    const uniq = [...new Set(got)];
    duplicates += got.length - uniq.length;
    const wanted = new Set(want);
    const have = new Set(uniq);
    missing += want.filter((v) => !have.has(v)).length;
    distinct += uniq.filter((v) => wanted.has(v)).length;
    if (uniq.join('\u0000') !== want.filter((v) => have.has(v)).join('\u0000')) outOfOrder++;
  }
  for (const key of byKey.keys()) if (!expected.has(key)) duplicates += byKey.get(key)!.length; // not written at all
  return { records: read.length, distinct, duplicates, missing, outOfOrder };
}

/** Resolves with how long `p` took; rejects if it takes longer than `boundMs`. */
export async function bounded(what: string, p: () => Promise<unknown>, boundMs: number): Promise<number> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    p(),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not return within ${boundMs} ms`)), boundMs))),
  ]).finally(() => clearTimeout(timer));
  return Date.now() - t0;
}
