#include "client.h"

#include "conf.h"

#include <strings.h>

namespace kafka_napi {

const napi_type_tag kClientTag = {0x6b61666b61ull, 0x2d6e6170692d636cull};

namespace {

// See DrainMain: delivery reports handed to JS per event-loop turn at most.
constexpr size_t kDeliveriesPerTurn = 16384;
// A failed report costs the application far more than a delivered one (produceAsync rejects
// with a ProduceException): a purged backlog is handed over in smaller turns.
constexpr size_t kFailedDeliveriesPerTurn = 4096;

// librdkafka thread, queue lock held: must be cheap and must not call librdkafka.
void QueueEventCb(rd_kafka_t *, void *opaque) { static_cast<Waker *>(opaque)->Wake(); }

void FinalizeWaker(Napi::Env, void *, Waker *waker) { delete waker; }

}  // namespace

// Whether JS can still run in `env`, tested by an N-API call that is refused when it cannot
// (napi_strict_equals goes through the same gate as napi_call_function, napi_unwrap and
// napi_create_arraybuffer, and has no side effect).
//
// Why: Worker.terminate() runs on another thread. It marks the worker's env as stopping and
// terminates its JS at that very instant, whatever the worker's thread is doing, and only later
// does the worker's thread stop its loop and run the env's cleanup hooks. From the first
// instant every N-API call gated on "can call into JS" fails with napi_pending_exception
// (though no exception may be pending): in the middle of a native method called from JS, and
// in callbacks that are still due, our ThreadSafeFunction's among them, which get a valid env
// (napi passes env == nullptr only once the TSFN's own cleanup hook runs, after ours,
// Client::CleanupHook). node-addon-api answers such a failure with an empty value whose env is
// null, or a null Unwrap: ab.Data() on the empty ArrayBuffer (Client::FlushDeliveries) became
// Error::New(nullptr), a fatal error aborting the whole process, main thread included, and a
// null Unwrap in Self() a SIGSEGV. So: a drain that finds JS unable to run does nothing (takes
// no event off librdkafka's queues: the cleanup hook destroys the client with what is left, as
// for any terminated worker); a drain stops at the first refused call; and no native method
// uses a value it did not check (an empty ArrayBuffer/Buffer, a null Unwrap).
bool CanRunJs(napi_env env) {
  bool pending = false;
  if (napi_is_exception_pending(env, &pending) != napi_ok || pending) return false;
  napi_value undefined;
  bool same = false;
  return napi_get_undefined(env, &undefined) == napi_ok &&
         napi_strict_equals(env, undefined, undefined, &same) == napi_ok;
}

void CallJs(Napi::Env env, Napi::Function, Waker *waker, void *) {
  if (env == nullptr) return;  // the TSFN is being finalized: the env is gone
  waker->pending.store(false, std::memory_order_release);
  if (waker->client && CanRunJs(env)) waker->client->Drain(env);
}

Napi::Function Client::Init(Napi::Env env) {
  return DefineClass(env, "Client",
                     {
                         InstanceMethod<&Client::Name>("name"),
                         InstanceMethod<&Client::SetRef>("setRef"),
                         InstanceMethod<&Client::WakeUp>("wake"),
                         InstanceMethod<&Client::Close>("close"),
                         InstanceMethod<&Client::Topic>("topic"),
                         InstanceMethod<&Client::Produce>("produce"),
                         InstanceMethod<&Client::FlushKick>("flushKick"),
                         InstanceMethod<&Client::Purge>("purge"),
                         InstanceMethod<&Client::Transaction>("transaction"),
                         InstanceMethod<&Client::Subscribe>("subscribe"),
                         InstanceMethod<&Client::Unsubscribe>("unsubscribe"),
                         InstanceMethod<&Client::Subscription>("subscription"),
                         InstanceMethod<&Client::Assign>("assign"),
                         InstanceMethod<&Client::Assignment>("assignment"),
                         InstanceMethod<&Client::AssignmentLost>("assignmentLost"),
                         InstanceMethod<&Client::RebalanceProtocol>("rebalanceProtocol"),
                         InstanceMethod<&Client::Fetch>("fetch"),
                         InstanceMethod<&Client::KeepAlive>("keepAlive"),
                         InstanceMethod<&Client::StoreOffsets>("storeOffsets"),
                         InstanceMethod<&Client::Commit>("commit"),
                         InstanceMethod<&Client::Seek>("seek"),
                         InstanceMethod<&Client::PauseResume>("pauseResume"),
                         InstanceMethod<&Client::Position>("position"),
                         InstanceMethod<&Client::Committed>("committed"),
                         InstanceMethod<&Client::OffsetsForTimes>("offsetsForTimes"),
                         InstanceMethod<&Client::Watermarks>("watermarks"),
                         InstanceMethod<&Client::MemberId>("memberId"),
                         InstanceMethod<&Client::GroupMetadata>("groupMetadata"),
                         InstanceMethod<&Client::ConsumerClose>("consumerClose"),
                         InstanceMethod<&Client::ConsumerClosed>("consumerClosed"),
                         // admin (admin.cc)
                         InstanceMethod<&Client::Metadata>("metadata"),
                         InstanceMethod<&Client::CreateTopics>("createTopics"),
                         InstanceMethod<&Client::DeleteTopics>("deleteTopics"),
                         InstanceMethod<&Client::CreatePartitions>("createPartitions"),
                         InstanceMethod<&Client::DeleteRecords>("deleteRecords"),
                         InstanceMethod<&Client::DescribeConfigs>("describeConfigs"),
                         InstanceMethod<&Client::AlterConfigs>("alterConfigs"),
                         InstanceMethod<&Client::IncrementalAlterConfigs>("incrementalAlterConfigs"),
                         InstanceMethod<&Client::DeleteGroups>("deleteGroups"),
                         InstanceMethod<&Client::ListConsumerGroups>("listConsumerGroups"),
                         InstanceMethod<&Client::DescribeConsumerGroups>("describeConsumerGroups"),
                         InstanceMethod<&Client::ListConsumerGroupOffsets>("listConsumerGroupOffsets"),
                         InstanceMethod<&Client::AlterConsumerGroupOffsets>("alterConsumerGroupOffsets"),
                         InstanceMethod<&Client::DescribeTopics>("describeTopics"),
                         InstanceMethod<&Client::DescribeCluster>("describeCluster"),
                         InstanceMethod<&Client::ListOffsets>("listOffsets"),
                     });
}

Client *Client::Self(const Napi::CallbackInfo &info) {
  Napi::Object self = info.This().As<Napi::Object>();
  if (!self.CheckTypeTag(&kClientTag)) {
    ThrowType(info.Env(), "not a kafka-napi client");
    return nullptr;
  }
  // Unwrap (like every N-API call that may run JS) starts failing at any instant once another
  // thread terminates this worker (see CanRunJs): nullptr then, with nothing to report.
  Client *c = Unwrap(self);
  if (!c) return nullptr;
  if (c->closing_ || c->torndown_ || c->rk_ == nullptr) {
    Napi::Error err = Napi::Error::New(info.Env(), "client is closed");
    err.Set("code", Napi::Number::New(info.Env(), RD_KAFKA_RESP_ERR__DESTROY));
    err.ThrowAsJavaScriptException();
    return nullptr;
  }
  return c;
}

// new Client(type: 0 producer | 1 consumer, config: Record<string,string>, dispatch: Function)
Client::Client(const Napi::CallbackInfo &info) : Napi::ObjectWrap<Client>(info) {
  Napi::Env env = info.Env();
  env_ = env;
  if (info.Length() < 3 || !info[0].IsNumber() || !info[2].IsFunction()) {
    ThrowType(env, "Client(type, config, dispatch)");
    return;
  }
  type_ = info[0].As<Napi::Number>().Int32Value() == 1 ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER;
  rd_kafka_conf_t *conf = BuildConf(env, info[1]);
  if (!conf) return;

  // Everything the application sees arrives as events on queues we drain ourselves, and
  // logs go through a log queue, so no librdkafka callback ever runs on its own threads.
  char errstr[512];
  rd_kafka_conf_set(conf, "log.queue", "true", errstr, sizeof errstr);
  int events = RD_KAFKA_EVENT_ERROR | RD_KAFKA_EVENT_LOG | RD_KAFKA_EVENT_STATS;
  // OAUTHBEARER token refreshes go to a SASL queue served by librdkafka's background thread
  // (its own refresh callback: the unsecured-JWT builder). Through our event queue they
  // would arrive as events, and an event destroyed unhandled cancels the refresh.
  char mech[64];
  size_t mechLen = sizeof mech;
  bool oauth = rd_kafka_conf_get(conf, "sasl.mechanisms", mech, &mechLen) == RD_KAFKA_CONF_OK &&
               strcasecmp(mech, "OAUTHBEARER") == 0;
  if (oauth) rd_kafka_conf_enable_sasl_queue(conf, 1);
  if (type_ == RD_KAFKA_PRODUCER) events |= RD_KAFKA_EVENT_DR;
  else events |= RD_KAFKA_EVENT_REBALANCE | RD_KAFKA_EVENT_OFFSET_COMMIT;
  rd_kafka_conf_set_events(conf, events);

  rk_ = rd_kafka_new(type_, conf, errstr, sizeof errstr);
  if (!rk_) {  // conf is still ours on failure
    rd_kafka_conf_destroy(conf);
    ThrowKafka(env, RD_KAFKA_RESP_ERR__INVALID_ARG, errstr);
    return;
  }
  if (oauth) {
    rd_kafka_error_t *error = rd_kafka_sasl_background_callbacks_enable(rk_);
    if (error) rd_kafka_error_destroy(error);  // nothing to serve: no refresh callback
  }
  info.This().As<Napi::Object>().TypeTag(&kClientTag);
  dispatch_ = Napi::Weak(info[2].As<Napi::Function>());  // strong while busy: see SetRef

  waker_ = new Waker();
  waker_->client = this;
  waker_->tsfn = decltype(waker_->tsfn)::New(env, Napi::Function(), "kafka-napi", 0, 1, waker_,
                                             FinalizeWaker, static_cast<void *>(nullptr));
  waker_->tsfn.Unref(env);  // an idle client does not keep the process alive (see setRef)

  mainq_ = rd_kafka_queue_get_main(rk_);
  rd_kafka_set_log_queue(rk_, mainq_);
  resultq_ = rd_kafka_queue_new(rk_);
  rd_kafka_queue_cb_event_enable(mainq_, QueueEventCb, waker_);
  rd_kafka_queue_cb_event_enable(resultq_, QueueEventCb, waker_);
  if (type_ == RD_KAFKA_CONSUMER) {
    consumerq_ = rd_kafka_queue_get_consumer(rk_);
    rd_kafka_queue_cb_event_enable(consumerq_, QueueEventCb, waker_);
  }
  worker_ = std::make_shared<WorkerState>();
  worker_->waker = waker_;
  napi_add_env_cleanup_hook(env, CleanupHook, this);
  hook_ = true;
  waker_->Wake();  // logs emitted by rd_kafka_new() are already queued
}

Client::~Client() {
  if (hook_) napi_remove_env_cleanup_hook(env_, CleanupHook, this);
  // worker_ is null when the constructor failed (bad config): there is nothing to release.
  if (!torndown_ && worker_) Teardown(false);  // collected without close(): finish on the worker
  if (workerThread_.joinable()) workerThread_.detach();
}

void Client::CleanupHook(void *arg) {
  Client *c = static_cast<Client *>(arg);
  c->hook_ = false;
  c->Teardown(true);  // env teardown (process exit, worker terminated): destroy and join now
}

void Client::StartWorker() {
  if (workerThread_.joinable()) return;
  std::shared_ptr<WorkerState> st = worker_;
  workerThread_ = std::thread([st] {
    std::unique_lock<std::mutex> lock(st->mu);
    for (;;) {
      st->cv.wait(lock, [&] { return st->stop || !st->jobs.empty(); });
      if (st->jobs.empty()) return;
      Job job = std::move(st->jobs.front());
      st->jobs.pop_front();
      lock.unlock();
      job.work();
      lock.lock();
      st->completed.push_back(std::move(job));
      if (st->waker) st->waker->Wake();
    }
  });
}

void Client::Post(Job job) {
  StartWorker();
  std::lock_guard<std::mutex> lock(worker_->mu);
  worker_->jobs.push_back(std::move(job));
  worker_->cv.notify_one();
}

// Detaches every path into this object (queue callbacks, waker, worker completions) and
// hands rd_kafka_t to the worker thread for destruction. `wait` (env teardown) joins it.
void Client::Teardown(bool wait) {
  torndown_ = true;
  ReleaseQueues();
  {
    std::lock_guard<std::mutex> lock(worker_->mu);
    worker_->waker = nullptr;
    worker_->completed.clear();
  }
  if (waker_) {
    waker_->client = nullptr;
    waker_->tsfn.Release();
    waker_ = nullptr;
  }
  if (rk_) {
    rd_kafka_t *rk = rk_;
    bool consumer = type_ == RD_KAFKA_CONSUMER;
    rk_ = nullptr;
    // Without close(), a consumer leaves no group and commits nothing (as .NET's Dispose).
    Post(Job{[rk, consumer] {
               rd_kafka_destroy_flags(rk, consumer ? RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE : 0);
             },
             nullptr});
  }
  {
    std::lock_guard<std::mutex> lock(worker_->mu);
    worker_->stop = true;
  }
  worker_->cv.notify_one();
  if (wait && workerThread_.joinable()) workerThread_.join();
}

// Queue handles and topic handles must be gone before rd_kafka_destroy; after the event
// callback is disabled no librdkafka thread can reach the waker (the callback runs under
// the queue lock, which cb_event_enable takes).
void Client::ReleaseQueues() {
  if (drEvent_) {  // its messages hold topic references: gone before the destroy, as the queues
    rd_kafka_event_destroy(drEvent_);
    drEvent_ = nullptr;
  }
  rd_kafka_queue_t *queues[] = {mainq_, resultq_, consumerq_, closeq_};
  for (rd_kafka_queue_t *q : queues) {
    if (!q) continue;
    rd_kafka_queue_cb_event_enable(q, nullptr, nullptr);
    rd_kafka_queue_destroy(q);
  }
  mainq_ = resultq_ = consumerq_ = closeq_ = nullptr;
  for (rd_kafka_topic_t *t : topics_) rd_kafka_topic_destroy(t);
  topics_.clear();
}

void Client::Drain(Napi::Env env) {
  Napi::HandleScope scope(env);
  // The TypeScript dispatcher catches everything; should an exception still be pending after
  // a call into JS, it is cleared and the drain resumes on a new wake-up rather than leaving
  // events queued behind a wake-up that librdkafka will not repeat.
  // A call into JS that fails while the env is stopping (see CanRunJs) leaves the
  // termination pending: cleared too, and no new wake-up once JS cannot run.
  auto recover = [&] {
    if (!env.IsExceptionPending()) return false;
    env.GetAndClearPendingException();
    if (waker_ && CanRunJs(env)) waker_->Wake();
    return true;
  };
  // The application dropped an idle client and it was collected; its finalizer (~Client)
  // has not run yet. Nobody is left to tell anything.
  if (dispatch_.IsEmpty() || dispatch_.Value().IsEmpty()) return;
  if (!torndown_) DrainMain(env);
  if (recover()) return;
  std::vector<Job> done;
  {
    std::lock_guard<std::mutex> lock(worker_->mu);
    done.swap(worker_->completed);
  }
  for (Job &job : done) {
    // A completion that finds JS unable to run is dropped: its promise belongs to an env
    // that is going away.
    if (job.done && CanRunJs(env)) job.done(env, this);
    recover();
  }
}

// Any dispatch may re-enter (a handler calling close(), for instance), so queue pointers
// are re-read and the client's state re-checked after every call into JS.
void Client::DrainMain(Napi::Env env) {
  Napi::Function dispatch = dispatch_.Value();
  for (int qi = 0; qi < 2; qi++) {
    for (;;) {
      rd_kafka_queue_t *q = qi == 0 ? mainq_ : resultq_;
      if (!q || closing_ || torndown_) break;
      rd_kafka_event_t *ev;
      if (qi == 0 && drEvent_) {  // the rest of a report event already begun, first
        ev = drEvent_;
        drEvent_ = nullptr;
      } else {
        ev = rd_kafka_queue_poll(q, 0);
      }
      if (!ev) break;
      rd_kafka_event_type_t type = rd_kafka_event_type(ev);
      if (type == RD_KAFKA_EVENT_DR) {
        const rd_kafka_message_t *m;
        bool full = false;
        while (!full && (m = rd_kafka_event_message_next(ev)) != nullptr) {
          rd_kafka_timestamp_type_t tstype;
          int64_t ts = rd_kafka_message_timestamp(m, &tstype);
          drs_.push_back(Dr{static_cast<double>(m->offset), static_cast<double>(ts),
                            static_cast<uint32_t>(reinterpret_cast<uintptr_t>(m->_private)),
                            static_cast<int32_t>(m->err), m->partition,
                            static_cast<uint8_t>((tstype & 3) | (rd_kafka_message_status(m) << 2))});
          if (m->err) drFailed_++;
          full = drs_.size() >= kDeliveriesPerTurn || drFailed_ >= kFailedDeliveriesPerTurn;
        }
        // Enough for one turn of the event loop: hand these over and come back for the rest
        // on the next wake-up, so that the handlers and promise continuations of a huge
        // backlog never hold the loop for long (no cap on throughput: the wake is immediate).
        // One event can hold a whole purged partition queue (100k reports): it is resumed
        // where it stopped (rd_kafka_event_message_next keeps its place).
        // The rest waits for JS to call wake() from setImmediate: a wake-up from here would
        // be dispatched by the same ThreadSafeFunction callback, before timers and I/O run.
        if (full) {
          drEvent_ = ev;
          FlushDeliveries(env, true);
          return;
        }
        rd_kafka_event_destroy(ev);
        continue;
      }
      // Keep the order the application sees: deliveries gathered so far go first.
      if (!FlushDeliveries(env)) {
        rd_kafka_event_destroy(ev);  // JS cannot run (or threw): see Drain's recover()
        return;
      }
      switch (type) {
        case RD_KAFKA_EVENT_ERROR: {
          rd_kafka_resp_err_t err = rd_kafka_event_error(ev);
          bool fatal = rd_kafka_event_error_is_fatal(ev);
          std::string reason = rd_kafka_event_error_string(ev);
          if (fatal) {  // report the underlying error, not Local_Fatal
            char buf[512];
            err = rd_kafka_fatal_error(rk_, buf, sizeof buf);
            reason = buf;
          }
          dispatch.Call({Napi::Number::New(env, kEvError),
                         ErrorObject(env, err, reason.c_str(), fatal)});
          break;
        }
        case RD_KAFKA_EVENT_LOG: {
          const char *fac, *str;
          int level;
          rd_kafka_event_log(ev, &fac, &str, &level);
          dispatch.Call({Napi::Number::New(env, kEvLog), Napi::Number::New(env, level),
                         Napi::String::New(env, fac), Napi::String::New(env, str)});
          break;
        }
        case RD_KAFKA_EVENT_STATS:
          dispatch.Call({Napi::Number::New(env, kEvStats),
                         Napi::String::New(env, rd_kafka_event_stats(ev))});
          break;
        case RD_KAFKA_EVENT_OFFSET_COMMIT: {
          rd_kafka_resp_err_t err = rd_kafka_event_error(ev);
          const rd_kafka_topic_partition_list_t *offsets = rd_kafka_event_topic_partition_list(ev);
          Napi::Value e = ErrorOrNull(env, err, rd_kafka_event_error_string(ev));
          void *opaque = rd_kafka_event_opaque(ev);
          if (opaque)  // an explicit commit(): resolve its request
            Resolve(env, static_cast<uint32_t>(reinterpret_cast<uintptr_t>(opaque)), e, FromPartitionList(env, offsets));
          else
            dispatch.Call({Napi::Number::New(env, kEvCommit), e, FromPartitionList(env, offsets)});
          break;
        }
        default:  // admin results (admin.cc)
          DispatchAdminResult(env, this, ev);
          break;
      }
      rd_kafka_event_destroy(ev);
      if (env.IsExceptionPending()) return;  // dispatch never throws; be safe anyway
    }
  }
  if (!FlushDeliveries(env)) return;
  if (consumerq_ && !closing_ && !torndown_ && rd_kafka_queue_length(consumerq_) > 0)
    dispatch.Call({Napi::Number::New(env, kEvConsumerReady)});
}

// One JS call for all delivery reports of this wake-up: a single ArrayBuffer holding
// offsets and timestamps (float64), ids, error codes and partitions (int32) and flags (uint8),
// each as a contiguous column of `count` entries.
//
// false when the reports could not be handed over: JS cannot run any more (a worker being
// terminated; the ArrayBuffer or the call is refused) or the dispatcher threw. Never touches
// an ArrayBuffer that was not created (its env would be null: a fatal error, see CanRunJs).
bool Client::FlushDeliveries(Napi::Env env, bool more) {
  size_t n = drs_.size();
  if (n == 0) return true;
  Napi::ArrayBuffer ab = Napi::ArrayBuffer::New(env, n * 29);
  if (ab.IsEmpty()) return false;  // kept in drs_ for the next drain, if there is one
  uint8_t *base = static_cast<uint8_t *>(ab.Data());
  double *offsets = reinterpret_cast<double *>(base);
  double *timestamps = offsets + n;
  uint32_t *ids = reinterpret_cast<uint32_t *>(base + 16 * n);
  int32_t *errs = reinterpret_cast<int32_t *>(base + 20 * n);
  int32_t *partitions = reinterpret_cast<int32_t *>(base + 24 * n);
  uint8_t *flags = base + 28 * n;
  for (size_t i = 0; i < n; i++) {
    const Dr &d = drs_[i];
    offsets[i] = d.offset;
    timestamps[i] = d.timestamp;
    ids[i] = d.id;
    errs[i] = d.err;
    partitions[i] = d.partition;
    flags[i] = d.flags;
  }
  drs_.clear();
  drFailed_ = 0;
  Napi::Value r = dispatch_.Value().Call({Napi::Number::New(env, kEvDelivery), ab, Napi::Number::New(env, n),
                                          Napi::Boolean::New(env, more)});
  return !r.IsEmpty();
}

Napi::Value Client::Name(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  return Napi::String::New(info.Env(), rd_kafka_name(c->rk_));
}

void Client::SetDispatchStrong(bool strong) {
  if (strong == dispatchStrong_ || dispatch_.IsEmpty()) return;
  if (strong) dispatch_.Ref();
  else dispatch_.Unref();
  dispatchStrong_ = strong;
}

// setRef(bool): whether pending work keeps the event loop alive (TypeScript decides when), and
// the client with it: while work is pending the dispatcher (and through it the client's JS
// objects) stays reachable even if the application dropped every reference; an idle client
// can be garbage-collected (~Client then destroys it on the worker thread).
Napi::Value Client::SetRef(const Napi::CallbackInfo &info) {
  Napi::Object self = info.This().As<Napi::Object>();
  if (!self.CheckTypeTag(&kClientTag)) return ThrowType(info.Env(), "not a kafka-napi client");
  Client *c = Unwrap(self);
  if (!c) return info.Env().Undefined();  // the env is stopping (see Self)
  // Once close() started, Close() holds both until kEvClosed has been dispatched.
  if (c->closing_ || c->torndown_) return info.Env().Undefined();
  bool ref = info[0].ToBoolean();
  if (c->waker_) {
    if (ref) c->waker_->tsfn.Ref(info.Env());
    else c->waker_->tsfn.Unref(info.Env());
  }
  c->SetDispatchStrong(ref);
  return info.Env().Undefined();
}

// wake(): drains again, from a later turn of the event loop (see DrainMain's turn cap).
Napi::Value Client::WakeUp(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (c && c->waker_) c->waker_->Wake();
  return info.Env().Undefined();
}

// close(): releases librdkafka on the worker thread (rd_kafka_destroy joins librdkafka's
// threads and may take a while); dispatches kEvClosed when done. Idempotent.
Napi::Value Client::Close(const Napi::CallbackInfo &info) {
  Napi::Object self = info.This().As<Napi::Object>();
  if (!self.CheckTypeTag(&kClientTag)) return ThrowType(info.Env(), "not a kafka-napi client");
  Client *c = Unwrap(self);
  if (!c) return info.Env().Undefined();  // the env is stopping (see Self)
  if (c->closing_ || c->torndown_) return Napi::Boolean::New(info.Env(), false);
  c->closing_ = true;
  c->waker_->tsfn.Ref(info.Env());  // the process waits for the destroy to finish
  c->SetDispatchStrong(true);       // and the client for kEvClosed
  c->ReleaseQueues();
  rd_kafka_t *rk = c->rk_;
  bool consumer = c->type_ == RD_KAFKA_CONSUMER;
  c->rk_ = nullptr;
  c->Post(Job{[rk, consumer] {
                rd_kafka_destroy_flags(rk, consumer ? RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE : 0);
              },
              [](Napi::Env env, Client *c) {
                Napi::Function dispatch = c->dispatch_.Value();
                c->Teardown(true);  // nothing left to destroy: stops and joins the worker
                dispatch.Call({Napi::Number::New(env, kEvClosed)});
                c->SetDispatchStrong(false);  // a closed client is collectable
              }});
  {
    // Jobs already queued still run, the destroy last; one that loops (a producer flush)
    // sees `stop` and gives way to it.
    std::lock_guard<std::mutex> lock(c->worker_->mu);
    c->worker_->stop = true;
  }
  return Napi::Boolean::New(info.Env(), true);
}

}  // namespace kafka_napi
