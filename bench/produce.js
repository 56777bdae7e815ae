'use strict';
// One producer benchmark run in its own process: node bench/produce.js <mode> <bootstrap> <topic> <count> <size>
// mode: "handler" (produce with a delivery handler) | "async" (produceAsync: all issued, then awaited)
const { ProducerBuilder, ErrorCode, Acks } = require('..');
const { startMeasure, tick } = require('./measure');

const [mode, bootstrapServers, topic, countArg, sizeArg] = process.argv.slice(2);
const count = Number(countArg);
const payload = Buffer.alloc(Number(sizeArg), 'x');
// One message object for every call: what is measured is the client, not a million harness objects.
const message = { value: payload };
// Issue in slices so the benchmark's own loop never holds the event loop for long.
const SLICE = 5000;

async function main() {
  const producer = new ProducerBuilder({ bootstrapServers, acks: Acks.Leader, lingerMs: 5 }).build();
  // Warm-up: connect and learn the partitions before measuring.
  await producer.produceAsync(topic, { value: payload });
  const done = startMeasure();
  if (mode === 'handler') {
    let delivered = 0;
    let failed = 0;
    let finish;
    const finished = new Promise((r) => (finish = r));
    const handler = (report) => {
      if (report.error.isError) failed++;
      if (++delivered === count) finish();
    };
    for (let i = 0; i < count; ) {
      const end = Math.min(count, i + SLICE);
      while (i < end) {
        try {
          producer.produce(topic, message, handler);
          i++;
        } catch (e) {
          if (e.error?.code !== ErrorCode.Local_QueueFull) throw e;
          break; // full: let delivery reports make room
        }
      }
      await tick();
    }
    await finished;
    if (failed) throw new Error(`${failed} deliveries failed`);
  } else {
    const promises = new Array(count);
    for (let i = 0; i < count; i++) {
      promises[i] = producer.produceAsync(topic, message);
      if (i % SLICE === SLICE - 1) await tick();
    }
    // Awaited in order, each released once settled (Promise.all would add its own
    // per-element bookkeeping, ~100 B per message, to what is measured).
    for (let i = 0; i < count; i++) {
      await promises[i];
      promises[i] = undefined;
      if (i % SLICE === SLICE - 1) await tick(); // as when issuing: the harness's own loop yields too
    }
  }
  const result = done(count, count * payload.length);
  await producer.close();
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
