'use strict';
// Shared by the benchmark children: event-loop delay and peak RSS for one measured run.
const { monitorEventLoopDelay } = require('node:perf_hooks');

function startMeasure() {
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  const t0 = process.hrtime.bigint();
  return (msgs, bytes) => {
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    eld.disable();
    return {
      msgs,
      ms: Math.round(ms),
      msgsPerSec: Math.round((msgs * 1000) / ms),
      mbPerSec: +((bytes / 1e6) * (1000 / ms)).toFixed(1),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      eldP99Ms: +(eld.percentile(99) / 1e6).toFixed(1),
      eldMaxMs: +(eld.max / 1e6).toFixed(1),
    };
  };
}

/** Yields to the event loop (lets delivery reports and timers run). */
const tick = () => new Promise((resolve) => setImmediate(resolve));

module.exports = { startMeasure, tick };
