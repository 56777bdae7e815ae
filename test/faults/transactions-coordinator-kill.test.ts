/**
 * (c) A transactional consume-transform-produce loop (read_committed in, transactions out,
 * sendOffsetsToTransaction) while the broker of the transaction coordinator is SIGKILLed (and,
 * in a second run, SIGSTOPped: hung for longer than the broker session timeout), with
 * every fifth transaction aborted on purpose and its input read again (seek back to the
 * committed offsets): the output holds every input record exactly once, in order per key.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  Acks,
  AutoOffsetReset,
  ConsumerBuilder,
  Deserializers,
  IsolationLevel,
  KafkaException,
  Offset,
  ProducerBuilder,
  type IAdminClient,
  type IProducer,
} from '../../src/index';
import { groupName, sleep } from '../helpers/consumer';
import { admin, allUp, bootstrap, bounded, check, control, fullIsr, readAll, threeNodes, transactionCoordinator } from '../helpers/faults';

let a: IAdminClient;
beforeAll(async () => {
  if (!threeNodes) return;
  await allUp();
  a = admin();
});
afterAll(async () => {
  if (!threeNodes) return;
  await allUp();
  await a?.close();
});

// SIGKILL: the coordinator moves once the controller fences the dead broker. SIGSTOP: the
// coordinator hangs (connections open, no answers) until the controller fences it, and comes
// back (resumed) with stale state it must give up.
test.skipIf(!threeNodes).each(['SIGKILL', 'SIGSTOP'] as const)('consume-transform-produce in transactions; the transaction coordinator\'s broker gets %s', async (fault) => {
  const total = 6000;
  const testStart = Date.now();
  // Shorter than the hang, so that a call outlasting its timeout takes the retry path below.
  // Measured: librdkafka's sendOffsetsToTransaction does not return at its timeout while the
  // coordinator hangs (its AddOffsetsToTxn request stays in flight, bounded by
  // socket.timeout.ms); it returns on SIGCONT with CONCURRENT_TRANSACTIONS (51, retriable).
  const callTimeoutMs = fault === 'SIGSTOP' ? 10_000 : 30_000;
  // Calls that took longer than 5 s, and a note every 20 s while one is still waiting.
  const slow: string[] = [];
  let current: { name: string; at: number } | undefined;
  const timed = async <T>(name: string, p: Promise<T> | (() => T)): Promise<T> => {
    const at = Date.now();
    current = { name, at };
    try {
      return await (typeof p === 'function' ? p() : p);
    } finally {
      current = undefined;
      if (Date.now() - at > 5000) slow.push(`${name} ${Date.now() - at} ms`);
    }
  };
  const watch = setInterval(() => {
    if (current && Date.now() - current.at > 20_000) console.log(`(c) ${fault}: ${current.name} waiting for ${Date.now() - current.at} ms`);
  }, 20_000);
  watch.unref();
  const partitions = 3;
  const stamp = `${fault}-${Date.now()}`;
  const input = `fault-txin-${stamp}`;
  const output = `fault-txout-${stamp}`;
  await timed('createTopics', a.createTopics(
    [input, output].map((name) => ({ name, numPartitions: partitions, replicationFactor: 3 })),
    { operationTimeoutMs: 30_000 },
  ));
  await timed('replicas in sync', fullIsr(a, [input, output]));
  const expected = new Map<string, string[]>();
  const seed = new ProducerBuilder({ bootstrapServers: bootstrap!, enableIdempotence: true, acks: Acks.All, lingerMs: 5 }).build();
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const key = `k${i % 100}`;
    const l = expected.get(key) ?? [];
    expected.set(key, l);
    l.push(`out-${i}`);
    sends.push(seed.produceAsync(input, { key, value: String(i) }));
  }
  await timed('seed produce', Promise.all(sends));
  await timed('seed close', seed.close());

  const transactionalId = `fault-tx-${stamp}`;
  const group = groupName('fault-tx');
  const consumer = new ConsumerBuilder({
    bootstrapServers: bootstrap!,
    groupId: group,
    autoOffsetReset: AutoOffsetReset.Earliest,
    enableAutoCommit: false,
    isolationLevel: IsolationLevel.ReadCommitted,
    sessionTimeoutMs: 30_000,
  })
    .setKeyDeserializer(Deserializers.Utf8)
    .setValueDeserializer(Deserializers.Utf8)
    .build();
  consumer.subscribe(input);
  const newProducer = async () => {
    const p = new ProducerBuilder({ bootstrapServers: bootstrap!, transactionalId, lingerMs: 5 }).build();
    await timed('initTransactions', p.initTransactions(60_000));
    return p;
  };
  let producer: IProducer<string | null, string | null> = (await newProducer()) as IProducer<string | null, string | null>;
  const victim = await timed('find the coordinator', transactionCoordinator(a, transactionalId));

  // Back to the last committed position of every assigned partition (after an abort).
  const rewind = async () => {
    const assigned = consumer.assignment;
    const committed = await consumer.committed(assigned, 30_000);
    for (const tpo of committed) await consumer.seek({ ...tpo, offset: tpo.offset < 0 ? Offset.Beginning : tpo.offset });
  };

  let committedRecords = 0;
  let transactions = 0;
  let attempts = 0;
  let aborted = 0;
  let deliberate = 0;
  let retriedCommits = 0; // sendOffsetsToTransaction and commitTransaction calls repeated
  let recreated = 0;
  let killedAt = 0;
  let restartAt = 0;
  let backMs = 0;
  let restarted: Promise<unknown> | undefined;
  let firstCommitAfterKill = 0;
  const errors = new Set<string>();
  // Before the test's own timeout (300 s), so that what was seen is reported.
  const deadline = testStart + 270_000;
  while (committedRecords < total) {
    if (Date.now() > deadline) {
      const tps = Array.from({ length: partitions }, (_, partition) => ({ topic: input, partition }));
      const committed = await consumer.committed(tps, 10_000).catch((e: Error) => e.message);
      throw new Error(
        `only ${committedRecords} of ${total} input records committed (${transactions} transactions, ${deliberate} aborted on purpose, ${aborted} after an error); ` +
          `assignment ${JSON.stringify(consumer.assignment)}, positions ${JSON.stringify(tps.map((tp) => consumer.position(tp)))}, committed ${JSON.stringify(committed)}; ` +
          `errors: ${[...errors].join(' | ') || 'none'}; calls over 5 s: ${slow.join(', ') || 'none'}`,
      );
    }
    if (!killedAt && committedRecords >= total / 3) {
      await timed(fault, fault === 'SIGKILL' ? control().kill(victim) : control().pause(victim));
      killedAt = Date.now();
      // Back on a timer: the loop may be waiting inside a transaction call meanwhile.
      restarted = sleep(fault === 'SIGKILL' ? 15_000 : 20_000).then(async () => {
        restartAt = Date.now();
        await (fault === 'SIGKILL' ? control().start(victim) : control().resume(victim));
        backMs = Date.now() - restartAt;
      });
    }
    const batch = (await timed('consumeBatch', consumer.consumeBatch(200, 500))).filter((r) => !r.isPartitionEOF);
    if (batch.length === 0) continue;
    try {
      await timed('beginTransaction', () => producer.beginTransaction());
      const writes = batch.map((r) => producer.produceAsync(output, { key: r.message!.key, value: `out-${r.message!.value}` }));
      const next = new Map<number, number>();
      for (const r of batch) next.set(r.partition, r.offset + 1);
      const offsets = [...next].map(([partition, offset]) => ({ topic: input, partition, offset }));
      // A retriable failure (a timeout, or the coordinator busy with the previous attempt): the
      // same call again resumes it (librdkafka's transactional calls are resumable).
      for (let attempt = 0; ; attempt++) {
        try {
          await timed('sendOffsetsToTransaction', producer.sendOffsetsToTransaction(offsets, consumer.consumerGroupMetadata, callTimeoutMs));
          break;
        } catch (e) {
          if (!(e instanceof KafkaException) || !e.error.isRetriable || attempt >= 10) throw e;
          errors.add(`sendOffsets: ${e.error.code} ${e.message}`);
          retriedCommits++;
        }
      }
      // Every fifth transaction fails as processing would: aborted, its input read again.
      if (++attempts % 5 === 0) {
        await timed('produce (to abort)', Promise.allSettled(writes));
        await timed('abortTransaction', producer.abortTransaction(60_000));
        deliberate++;
        await timed('rewind', rewind());
        continue;
      }
      for (let attempt = 0; ; attempt++) {
        try {
          await timed('commitTransaction', producer.commitTransaction(callTimeoutMs));
          break;
        } catch (e) {
          // Likewise for the commit.
          if (!(e instanceof KafkaException) || !e.error.isRetriable || attempt >= 10) throw e;
          errors.add(`commit: ${e.error.code} ${e.message}`);
          retriedCommits++;
        }
      }
      await Promise.allSettled(writes);
      committedRecords += batch.length;
      transactions++;
      if (killedAt && !firstCommitAfterKill) firstCommitAfterKill = Date.now();
    } catch (e) {
      const ke = e as KafkaException;
      errors.add(`${ke.error?.code} ${ke.message}`);
      if (ke.error?.isFatal || !(ke instanceof KafkaException)) {
        // Fatal (e.g. fenced): a new producer with the same transactional id aborts the old one.
        await timed('close of the failed producer', producer.close().catch(() => {}));
        producer = (await timed('initTransactions of a new producer', newProducer())) as IProducer<string | null, string | null>;
        recreated++;
      } else {
        await timed('abortTransaction after an error', producer.abortTransaction(60_000));
        aborted++;
      }
      await timed('rewind', rewind());
    }
  }
  clearInterval(watch);
  await restarted;
  const recoveredMs = backMs;
  const closeMs = await bounded('close() of producer and consumer', () => Promise.all([producer.close(), consumer.close()]), 30_000);
  await fullIsr(a, [input, output]);

  const out = await readAll(output, partitions, IsolationLevel.ReadCommitted);
  const result = check(out, expected);
  console.log(
    `(c) transactions, coordinator node ${victim} ${fault} after ${Math.round(total / 3)} records: ${transactions} committed transactions, ${deliberate} aborted on purpose (input rewound), ${aborted} aborted after an error, ` +
      `${retriedCommits} transactional calls repeated after a retriable error, ${recreated} producers recreated; first commit ${firstCommitAfterKill - killedAt} ms after the ${fault}; ` +
      `output (read_committed) holds ${result.records} (distinct ${result.distinct}, duplicates ${result.duplicates}, missing ${result.missing}, keys out of order ${result.outOfOrder}); ` +
      `${fault === 'SIGKILL' ? `victim serving again ${recoveredMs} ms after its restart` : `resumed ${restartAt - killedAt} ms after the SIGSTOP`}; close() ${closeMs} ms; errors seen: ${[...errors].join(' | ') || 'none'}; calls over 5 s: ${slow.join(', ') || 'none'}`,
  );
  expect(killedAt).toBeGreaterThan(0);
  expect(deliberate).toBeGreaterThan(0);
  expect(result).toEqual({ records: total, distinct: total, duplicates: 0, missing: 0, outOfOrder: 0 });
  await a.deleteTopics([input, output]).catch(() => {});
});
