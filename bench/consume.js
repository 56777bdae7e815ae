'use strict';
// One consumer benchmark run in its own process:
// node bench/consume.js <mode> <bootstrap> <topic> <count> <group>
// mode: "batch" (consumeBatch) | "iterator" (for await) | "single" (consume() one at a time)
const { ConsumerBuilder, AutoOffsetReset } = require('..');
const { startMeasure } = require('./measure');

const [mode, bootstrapServers, topic, countArg, groupId] = process.argv.slice(2);
const count = Number(countArg);

async function main() {
  const consumer = new ConsumerBuilder({
    bootstrapServers,
    groupId,
    autoOffsetReset: AutoOffsetReset.Earliest,
    // Bounded prefetch (32 MiB) that is re-checked every 10 ms: with librdkafka's default
    // fetch.queue.backoff.ms (1 s) a consumer that crosses a queue threshold idles; with
    // rdkafka_performance's queued.min.messages=1000000 it holds ~300 MB. The native
    // baseline is also run with exactly these settings (see run.js).
    fetchQueueBackoffMs: 10,
    queuedMaxMessagesKbytes: 32768,
  }).build();
  consumer.subscribe(topic);
  let n = 0;
  let bytes = 0;
  // The clock starts with the first message (after the group join), as rdkafka_performance's.
  let done;
  const first = () => (done ??= startMeasure());
  if (mode === 'batch') {
    while (n < count) {
      const batch = await consumer.consumeBatch(10000, 10000);
      if (batch.length === 0) throw new Error(`timed out after ${n} messages`);
      first();
      for (const r of batch) bytes += r.message.value.length;
      n += batch.length;
    }
  } else if (mode === 'iterator') {
    for await (const r of consumer) {
      first();
      bytes += r.message.value.length;
      if (++n === count) break;
    }
  } else {
    while (n < count) {
      const r = await consumer.consume(10000);
      if (!r) throw new Error(`timed out after ${n} messages`);
      first();
      bytes += r.message.value.length;
      n++;
    }
  }
  const result = done(n, bytes);
  await consumer.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
