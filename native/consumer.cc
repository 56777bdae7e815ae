// Consumer calls. Messages are taken from the consumer queue with the event API and
// timeout 0, only when the application asks (consume/consumeBatch/iterator), so librdkafka's
// auto offset store and position() see exactly the messages the application was handed.
// A rebalance event ends a fetch and is handed to TypeScript, which runs the user's handler
// and then calls assign()/incrementalAssign() itself: no JS runs inside a librdkafka callback.
#include "client.h"

#include <cstring>
#include <unordered_map>

namespace kafka_napi {

namespace {

Napi::Value ErrorOrUndefined(Napi::Env env, rd_kafka_error_t *error) {
  if (!error) return env.Undefined();
  Napi::Object e = ErrorObject(env, error);
  Napi::Error err = Napi::Error::New(env, e.Get("reason").As<Napi::String>().Utf8Value());
  err.Set("code", e.Get("code"));
  err.Set("reason", e.Get("reason"));
  if (e.Has("isFatal")) err.Set("isFatal", true);
  if (e.Has("isRetriable")) err.Set("isRetriable", true);
  err.ThrowAsJavaScriptException();
  return env.Undefined();
}

Napi::Value ErrCodeOrThrow(Napi::Env env, rd_kafka_resp_err_t err) {
  if (err) ThrowKafka(env, err, rd_kafka_err2str(err));
  return env.Undefined();
}

Napi::Object RebalanceObject(Napi::Env env, const std::string &protocol, rd_kafka_event_t *ev) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("code", Napi::Number::New(env, rd_kafka_event_error(ev)));
  o.Set("partitions", FromPartitionList(env, rd_kafka_event_topic_partition_list(ev)));
  o.Set("protocol", protocol);
  return o;
}

}  // namespace

// subscribe(topics: string[])
Napi::Value Client::Subscribe(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  if (!info[0].IsArray()) return ThrowType(info.Env(), "topics must be an array of strings");
  Napi::Array arr = info[0].As<Napi::Array>();
  rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value t = arr[i];
    if (!t.IsString()) {
      rd_kafka_topic_partition_list_destroy(list);
      return ThrowType(info.Env(), "topics must be an array of strings");
    }
    rd_kafka_topic_partition_list_add(list, t.As<Napi::String>().Utf8Value().c_str(), RD_KAFKA_PARTITION_UA);
  }
  rd_kafka_resp_err_t err = rd_kafka_subscribe(c->rk_, list);
  rd_kafka_topic_partition_list_destroy(list);
  return ErrCodeOrThrow(info.Env(), err);
}

Napi::Value Client::Unsubscribe(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  return ErrCodeOrThrow(info.Env(), rd_kafka_unsubscribe(c->rk_));
}

Napi::Value Client::Subscription(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  rd_kafka_topic_partition_list_t *list = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_subscription(c->rk_, &list);
  if (err) return ErrCodeOrThrow(info.Env(), err);
  Napi::Array out = Napi::Array::New(info.Env(), list->cnt);
  for (int i = 0; i < list->cnt; i++) out[i] = Napi::String::New(info.Env(), list->elems[i].topic);
  rd_kafka_topic_partition_list_destroy(list);
  return out;
}

// assign(partitions | null, mode: 0 assign, 1 incremental assign, 2 incremental unassign)
Napi::Value Client::Assign(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  int mode = info[1].IsNumber() ? info[1].As<Napi::Number>().Int32Value() : 0;
  rd_kafka_topic_partition_list_t *list = nullptr;
  if (!info[0].IsNull() && !info[0].IsUndefined()) {
    list = ToPartitionList(env, info[0]);
    if (!list) return env.Undefined();
  }
  Napi::Value result = env.Undefined();
  if (mode == 0) {
    result = ErrCodeOrThrow(env, rd_kafka_assign(c->rk_, list));
  } else {
    if (!list) return ThrowType(env, "partitions must be an array");
    rd_kafka_error_t *error = mode == 1 ? rd_kafka_incremental_assign(c->rk_, list)
                                        : rd_kafka_incremental_unassign(c->rk_, list);
    result = ErrorOrUndefined(env, error);
  }
  if (list) rd_kafka_topic_partition_list_destroy(list);
  return result;
}

Napi::Value Client::Assignment(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  rd_kafka_topic_partition_list_t *list = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_assignment(c->rk_, &list);
  if (err) return ErrCodeOrThrow(info.Env(), err);
  Napi::Array out = FromPartitionList(info.Env(), list);
  rd_kafka_topic_partition_list_destroy(list);
  return out;
}

Napi::Value Client::AssignmentLost(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  return Napi::Boolean::New(info.Env(), rd_kafka_assignment_lost(c->rk_));
}

Napi::Value Client::RebalanceProtocol(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  const char *p = rd_kafka_rebalance_protocol(c->rk_);
  return Napi::String::New(info.Env(), p ? p : "NONE");
}

// fetch(max, discard) -> undefined when nothing is waiting, else
//   { count, columns: ArrayBuffer, data: Buffer, topics: string[], headers, rebalance }
// columns holds `count` entries of: offset, timestamp (f64); partition, error, key length,
// value length, topic index, leader epoch (i32); timestamp type (u8). Key and value bytes
// are concatenated in `data` (length -1 = null). `headers` is null or a sparse array of flat
// [name, value, ...] arrays. Consumer errors are entries too (error code set, `errors` has
// their text by `index`; partition -1 when they have none). A fetch stops after an error
// other than partition EOF, and at a rebalance event (returned as `rebalance`).
// With `discard` (closing), messages are destroyed unseen: no offset is stored for them.
Napi::Value Client::Fetch(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  if (!c->consumerq_) return ThrowType(env, "not a consumer");
  uint32_t max = info[0].IsNumber() ? info[0].As<Napi::Number>().Uint32Value() : 1;
  bool discard = info[1].ToBoolean();
  if (max == 0) max = 1;

  // An entry is a message (FETCH event) or a consumer error (partition EOF,
  // auto.offset.reset=error, max.poll.interval.ms exceeded, an unavailable subscribed topic,
  // ...), which the event API delivers as an ERROR event, with its partition when it has one:
  // rd_kafka_consumer_poll() would have returned both as messages. (librdkafka's other
  // errors go to the main queue, never to the consumer queue.)
  struct Entry {
    rd_kafka_event_t *ev;
    const rd_kafka_message_t *m;      // FETCH
    rd_kafka_topic_partition_t *tp;   // consumer error: its partition, or null
  };
  thread_local std::vector<Entry> entries;
  for (Entry &e : entries) {  // left over only if a previous call threw midway
    if (e.tp) rd_kafka_topic_partition_destroy(e.tp);
    rd_kafka_event_destroy(e.ev);
  }
  entries.clear();
  rd_kafka_event_t *rebalance = nullptr;
  size_t bytes = 0;
  Napi::Array errorsArr;
  while (entries.size() < max) {
    rd_kafka_event_t *ev = rd_kafka_queue_poll(c->closeq_ ? c->closeq_ : c->consumerq_, 0);
    if (!ev) break;
    rd_kafka_event_type_t type = rd_kafka_event_type(ev);
    if (type == RD_KAFKA_EVENT_REBALANCE) {
      rebalance = ev;
      break;
    }
    if (discard || (type != RD_KAFKA_EVENT_FETCH && type != RD_KAFKA_EVENT_ERROR)) {
      rd_kafka_event_destroy(ev);
      continue;
    }
    if (type == RD_KAFKA_EVENT_ERROR) {
      entries.push_back(Entry{ev, nullptr, rd_kafka_event_topic_partition(ev)});
      // An error ends the batch, so TypeScript can hand over what came before it first.
      if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR__PARTITION_EOF) break;
      continue;
    }
    const rd_kafka_message_t *m = rd_kafka_event_message_next(ev);  // stores offset / position
    if (!m) {
      rd_kafka_event_destroy(ev);
      continue;
    }
    entries.push_back(Entry{ev, m, nullptr});
    if (!m->err) bytes += m->key_len + m->len;
    else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) break;
  }
  size_t n = entries.size();
  if (n == 0 && !rebalance && errorsArr.IsEmpty()) return env.Undefined();

  Napi::Object out = Napi::Object::New(env);
  out.Set("count", Napi::Number::New(env, n));
  Napi::ArrayBuffer cols = Napi::ArrayBuffer::New(env, n * (16 + 24 + 1));
  Napi::Buffer<uint8_t> data = Napi::Buffer<uint8_t>::New(env, bytes);
  // Refused (both empty, env-less) once the worker that owns `env` is being terminated: see
  // CanRunJs in client.cc. Nobody is left to hand the messages to; they are released now, as
  // rd_kafka_destroy (the cleanup hook's) waits for every message and event of the client.
  if (cols.IsEmpty() || data.IsEmpty()) {
    for (Entry &e : entries) {
      if (e.tp) rd_kafka_topic_partition_destroy(e.tp);
      rd_kafka_event_destroy(e.ev);
    }
    entries.clear();
    if (rebalance) rd_kafka_event_destroy(rebalance);
    return env.Undefined();
  }
  uint8_t *base = static_cast<uint8_t *>(cols.Data());
  double *offsets = reinterpret_cast<double *>(base);
  double *timestamps = offsets + n;
  int32_t *partitions = reinterpret_cast<int32_t *>(base + 16 * n);
  int32_t *errs = partitions + n;
  int32_t *keyLens = errs + n;
  int32_t *valueLens = keyLens + n;
  int32_t *topicIdx = valueLens + n;
  int32_t *epochs = topicIdx + n;
  uint8_t *tsTypes = base + 40 * n;
  uint8_t *dp = data.Data();
  Napi::Array topics = Napi::Array::New(env);
  std::vector<std::string> topicNames;  // topics repeat: one JS string per distinct topic per batch
  Napi::Value headers = env.Null();
  for (size_t i = 0; i < n; i++) {
    const rd_kafka_message_t *m = entries[i].m;
    rd_kafka_topic_partition_t *tp = entries[i].tp;
    const char *name;
    rd_kafka_resp_err_t err;
    if (m) {
      offsets[i] = static_cast<double>(m->offset);
      rd_kafka_timestamp_type_t tt = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
      timestamps[i] = static_cast<double>(m->err ? -1 : rd_kafka_message_timestamp(m, &tt));
      tsTypes[i] = static_cast<uint8_t>(tt);
      partitions[i] = m->partition;
      epochs[i] = rd_kafka_message_leader_epoch(m);
      name = m->rkt ? rd_kafka_topic_name(m->rkt) : "";
      err = m->err;
    } else {
      offsets[i] = static_cast<double>(tp ? tp->offset : RD_KAFKA_OFFSET_INVALID);
      timestamps[i] = -1;
      tsTypes[i] = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE;
      partitions[i] = tp ? tp->partition : RD_KAFKA_PARTITION_UA;
      epochs[i] = tp ? rd_kafka_topic_partition_get_leader_epoch(tp) : -1;
      name = tp && tp->topic ? tp->topic : "";
      err = rd_kafka_event_error(entries[i].ev);
    }
    errs[i] = err;
    int32_t idx = -1;
    for (size_t t = topicNames.size(); t-- > 0;)
      if (topicNames[t] == name) { idx = static_cast<int32_t>(t); break; }
    if (idx < 0) {
      idx = static_cast<int32_t>(topicNames.size());
      topicNames.emplace_back(name);
      topics[static_cast<uint32_t>(idx)] = Napi::String::New(env, name);
    }
    topicIdx[i] = idx;
    if (err) {
      keyLens[i] = valueLens[i] = -1;
      if (err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (errorsArr.IsEmpty()) errorsArr = Napi::Array::New(env);
        Napi::Object e = m ? ErrorObject(env, err, rd_kafka_message_errstr(m))
                           : ErrorObject(env, err, rd_kafka_event_error_string(entries[i].ev));
        e.Set("index", Napi::Number::New(env, static_cast<double>(i)));
        errorsArr[errorsArr.Length()] = e;
      }
      continue;
    }
    keyLens[i] = m->key ? static_cast<int32_t>(m->key_len) : -1;
    if (m->key && m->key_len) { memcpy(dp, m->key, m->key_len); dp += m->key_len; }
    valueLens[i] = m->payload ? static_cast<int32_t>(m->len) : -1;
    if (m->payload && m->len) { memcpy(dp, m->payload, m->len); dp += m->len; }
    rd_kafka_headers_t *hdrs = nullptr;
    if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
      if (headers.IsNull()) headers = Napi::Array::New(env);
      size_t cnt = rd_kafka_header_cnt(hdrs);
      Napi::Array flat = Napi::Array::New(env, cnt * 2);
      for (size_t h = 0; h < cnt; h++) {
        const char *hname;
        const void *value;
        size_t size;
        rd_kafka_header_get_all(hdrs, h, &hname, &value, &size);
        flat[h * 2] = Napi::String::New(env, hname);
        flat[h * 2 + 1] = value ? Napi::Value(Napi::Buffer<uint8_t>::Copy(env, static_cast<const uint8_t *>(value), size))
                                : env.Null();
      }
      headers.As<Napi::Array>()[i] = flat;
    }
  }
  for (Entry &e : entries) {
    if (e.tp) rd_kafka_topic_partition_destroy(e.tp);
    rd_kafka_event_destroy(e.ev);
  }
  entries.clear();
  out.Set("columns", cols);
  out.Set("data", data);
  out.Set("topics", topics);
  out.Set("headers", headers);
  if (!errorsArr.IsEmpty()) out.Set("errors", errorsArr);
  if (rebalance) {
    // rd_kafka_rebalance_protocol() is a round trip to librdkafka's group thread that waits
    // without a limit. Once the consumer is closing (closeq_), the group may be terminated
    // and the request never answered (the JS thread hung there for good, or got NULL), so
    // the final revoke uses the protocol of the rebalance before it: an assignment's revoke
    // is always of the protocol that assigned it.
    if (!c->closeq_) {
      const char *p = rd_kafka_rebalance_protocol(c->rk_);
      if (p) c->rebalanceProtocol_ = p;
    }
    out.Set("rebalance", RebalanceObject(env, c->rebalanceProtocol_, rebalance));
    rd_kafka_event_destroy(rebalance);
  }
  return out;
}

// keepAlive(): a poll of the consumer queue that takes nothing (a batch of size 0). What
// librdkafka counts for max.poll.interval.ms is polls, and an application handed held
// messages polls this client, not librdkafka.
Napi::Value Client::KeepAlive(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c || !c->consumerq_) return info.Env().Undefined();
  rd_kafka_message_t *none = nullptr;
  rd_kafka_consume_batch_queue(c->consumerq_, 0, &none, 0);
  return info.Env().Undefined();
}

// storeOffsets(partitions) -> partitions with per-partition errors
Napi::Value Client::StoreOffsets(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  rd_kafka_topic_partition_list_t *list = ToPartitionList(env, info[0]);
  if (!list) return env.Undefined();
  rd_kafka_resp_err_t err = rd_kafka_offsets_store(c->rk_, list);
  bool partial = false;
  for (int i = 0; i < list->cnt; i++) partial = partial || list->elems[i].err;
  Napi::Value out = FromPartitionList(env, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err && !partial) return ErrCodeOrThrow(env, err);  // e.g. auto offset store is on
  return out;
}

// commit(partitions | null, requestId): asynchronous; the result arrives as kEvResult.
Napi::Value Client::Commit(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  rd_kafka_topic_partition_list_t *list = nullptr;
  if (!info[0].IsNull()) {
    list = ToPartitionList(env, info[0]);
    if (!list) return env.Undefined();
  }
  void *opaque = reinterpret_cast<void *>(static_cast<uintptr_t>(info[1].As<Napi::Number>().Uint32Value()));
  rd_kafka_resp_err_t err = rd_kafka_commit_queue(c->rk_, list, c->resultq_, nullptr, opaque);
  if (list) rd_kafka_topic_partition_list_destroy(list);
  return ErrCodeOrThrow(env, err);
}

// seek(partitions): asynchronous (timeout 0); stale prefetched messages are filtered by
// librdkafka's op versions. Returns partitions with per-partition errors.
Napi::Value Client::Seek(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  rd_kafka_topic_partition_list_t *list = ToPartitionList(env, info[0]);
  if (!list) return env.Undefined();
  rd_kafka_error_t *error = rd_kafka_seek_partitions(c->rk_, list, 0);
  if (error) {
    rd_kafka_topic_partition_list_destroy(list);
    return ErrorOrUndefined(env, error);
  }
  Napi::Value out = FromPartitionList(env, list);
  rd_kafka_topic_partition_list_destroy(list);
  return out;
}

// pauseResume(partitions, pause) -> partitions with per-partition errors
Napi::Value Client::PauseResume(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  rd_kafka_topic_partition_list_t *list = ToPartitionList(env, info[0]);
  if (!list) return env.Undefined();
  rd_kafka_resp_err_t err = info[1].ToBoolean() ? rd_kafka_pause_partitions(c->rk_, list)
                                                : rd_kafka_resume_partitions(c->rk_, list);
  Napi::Value out = FromPartitionList(env, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) return ErrCodeOrThrow(env, err);
  return out;
}

// position(partitions) -> partitions with offsets (local, does not wait)
Napi::Value Client::Position(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  rd_kafka_topic_partition_list_t *list = ToPartitionList(env, info[0]);
  if (!list) return env.Undefined();
  rd_kafka_resp_err_t err = rd_kafka_position(c->rk_, list);
  Napi::Value out = FromPartitionList(env, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) return ErrCodeOrThrow(env, err);
  return out;
}

// The three broker queries below block in librdkafka; they run on the client's worker
// thread (bounded by timeoutMs) and resolve request `id` through kEvResult.
namespace {
struct ListJob {
  rd_kafka_topic_partition_list_t *list = nullptr;
  rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
  ~ListJob() {
    if (list) rd_kafka_topic_partition_list_destroy(list);
  }
};

void ResolveList(Napi::Env env, Client *c, uint32_t id, const std::shared_ptr<ListJob> &job) {
  c->Resolve(env, id, ErrorOrNull(env, job->err), FromPartitionList(env, job->list));
}
}  // namespace

namespace {
// (partitions, timeoutMs, id): runs `query` (a blocking librdkafka call filling the list) on
// the worker thread and resolves request `id` with the list.
using ListQuery = rd_kafka_resp_err_t (*)(rd_kafka_t *, rd_kafka_topic_partition_list_t *, int);
Napi::Value PostListQuery(Client *c, const Napi::CallbackInfo &info, ListQuery query) {
  Napi::Env env = info.Env();
  auto job = std::make_shared<ListJob>();
  job->list = ToPartitionList(env, info[0]);
  if (!job->list) return env.Undefined();
  int timeout = info[1].As<Napi::Number>().Int32Value();
  uint32_t id = info[2].As<Napi::Number>().Uint32Value();
  rd_kafka_t *rk = c->rk();
  c->Post(Job{[rk, job, timeout, query] { job->err = query(rk, job->list, timeout); },
              [job, id](Napi::Env env, Client *c) { ResolveList(env, c, id, job); }});
  return env.Undefined();
}
}  // namespace

// committed(partitions, timeoutMs, id)
Napi::Value Client::Committed(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  return c ? PostListQuery(c, info, rd_kafka_committed) : info.Env().Undefined();
}

// offsetsForTimes(partitions with offset = timestamp, timeoutMs, id)
Napi::Value Client::OffsetsForTimes(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  return c ? PostListQuery(c, info, rd_kafka_offsets_for_times) : info.Env().Undefined();
}

// watermarks(topic, partition) -> { low, high } from the local cache, or with
// (topic, partition, timeoutMs, id) a broker query resolved through kEvResult.
Napi::Value Client::Watermarks(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  std::string topic;
  if (!GetString(env, info[0], topic, "topic")) return env.Undefined();
  int32_t partition = info[1].As<Napi::Number>().Int32Value();
  if (!info[2].IsNumber()) {
    int64_t low = RD_KAFKA_OFFSET_INVALID, high = RD_KAFKA_OFFSET_INVALID;
    rd_kafka_get_watermark_offsets(c->rk_, topic.c_str(), partition, &low, &high);
    Napi::Object o = Napi::Object::New(env);
    o.Set("low", Napi::Number::New(env, static_cast<double>(low)));
    o.Set("high", Napi::Number::New(env, static_cast<double>(high)));
    return o;
  }
  int timeout = info[2].As<Napi::Number>().Int32Value();
  uint32_t id = info[3].As<Napi::Number>().Uint32Value();
  struct W { int64_t low = -1, high = -1; rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR; };
  auto w = std::make_shared<W>();
  rd_kafka_t *rk = c->rk_;
  c->Post(Job{[rk, w, topic, partition, timeout] {
                w->err = rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &w->low, &w->high, timeout);
              },
              [w, id](Napi::Env env, Client *c) {
                Napi::Object o = Napi::Object::New(env);
                o.Set("low", Napi::Number::New(env, static_cast<double>(w->low)));
                o.Set("high", Napi::Number::New(env, static_cast<double>(w->high)));
                c->Resolve(env, id, ErrorOrNull(env, w->err), o);
              }});
  return env.Undefined();
}

Napi::Value Client::MemberId(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  char *id = rd_kafka_memberid(c->rk_);
  Napi::String s = Napi::String::New(info.Env(), id ? id : "");
  if (id) rd_kafka_mem_free(c->rk_, id);
  return s;
}

// The consumer group metadata, serialized (for sendOffsetsToTransaction).
Napi::Value Client::GroupMetadata(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  rd_kafka_consumer_group_metadata_t *md = rd_kafka_consumer_group_metadata(c->rk_);
  if (!md) return info.Env().Null();
  void *buf;
  size_t size;
  rd_kafka_error_t *error = rd_kafka_consumer_group_metadata_write(md, &buf, &size);
  rd_kafka_consumer_group_metadata_destroy(md);
  if (error) return ErrorOrUndefined(info.Env(), error);
  Napi::Buffer<char> out = Napi::Buffer<char>::Copy(info.Env(), static_cast<char *>(buf), size);
  rd_kafka_mem_free(c->rk_, buf);
  return out;
}

// consumerClose(): starts rd_kafka_consumer_close_queue; TypeScript keeps fetching (handling
// the final revoke) until consumerClosed() is true. The close gets a queue of its own, which
// the consumer queue is forwarded to: librdkafka posts its TERMINATE reply there *after*
// consumerClosed() turns true, and that reply must not be left on the consumer queue (it
// keeps rd_kafka_destroy() from ever returning); destroying our own queue purges it.
Napi::Value Client::ConsumerClose(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  if (c->closeq_) return info.Env().Undefined();
  c->closeq_ = rd_kafka_queue_new(c->rk_);
  return ErrorOrUndefined(info.Env(), rd_kafka_consumer_close_queue(c->rk_, c->closeq_));
}

Napi::Value Client::ConsumerClosed(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  return Napi::Boolean::New(info.Env(), rd_kafka_consumer_closed(c->rk_));
}

}  // namespace kafka_napi
