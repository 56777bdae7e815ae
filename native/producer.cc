// Producer calls: topic handles, the produce hot path, flush support and purge.
#include "client.h"

#include <chrono>
#include <cstring>

namespace kafka_napi {

namespace {

// Borrowed bytes of a key/value argument: a Buffer's memory, or a string's UTF-8 copy in
// `scratch` (F_COPY makes librdkafka copy either before produce returns).
bool Bytes(Napi::Env env, napi_value v, std::string &scratch, const void *&data, size_t &len) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  if (t == napi_null || t == napi_undefined) {
    data = nullptr;
    len = 0;
    return true;
  }
  if (t == napi_string) {
    size_t n;
    napi_get_value_string_utf8(env, v, nullptr, 0, &n);
    scratch.resize(n + 1);
    napi_get_value_string_utf8(env, v, &scratch[0], n + 1, &n);
    data = scratch.data();
    len = n;
    return true;
  }
  bool isBuffer = false;
  napi_is_buffer(env, v, &isBuffer);
  if (isBuffer) {
    void *d;
    napi_get_buffer_info(env, v, &d, &len);
    data = len ? d : "";  // an empty payload is not a null payload
    return true;
  }
  return false;
}

}  // namespace

// topic(name) -> integer id of a cached rd_kafka_topic_t (the hot path passes ids, not names).
Napi::Value Client::Topic(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  std::string name;
  if (!GetString(info.Env(), info[0], name, "topic")) return info.Env().Undefined();
  rd_kafka_topic_t *rkt = rd_kafka_topic_new(c->rk_, name.c_str(), nullptr);
  if (!rkt) {
    rd_kafka_resp_err_t err = rd_kafka_last_error();
    ThrowKafka(info.Env(), err, rd_kafka_err2str(err));
    return info.Env().Undefined();
  }
  c->topics_.push_back(rkt);
  return Napi::Number::New(info.Env(), static_cast<double>(c->topics_.size() - 1));
}

// produce(topicId, partition, key, value, msgId[, [timestampMs, headers | null]]) -> error
// code (0 on success). headers is a flat [name, value, name, value, ...] array. At most six
// arguments: node-addon-api reads up to six without a heap allocation, and this is the hot
// path. Errors are return values, not exceptions: the caller builds the ProduceException.
Napi::Value Client::Produce(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  if (info.Length() < 5 || !info[0].IsNumber() || !info[1].IsNumber() || !info[4].IsNumber())
    return ThrowType(env, "produce(topicId, partition, key, value, id[, extras])");
  uint32_t topicId = info[0].As<Napi::Number>().Uint32Value();
  if (topicId >= c->topics_.size()) return ThrowType(env, "unknown topic id");
  rd_kafka_topic_t *rkt = c->topics_[topicId];
  int32_t partition = info[1].As<Napi::Number>().Int32Value();
  thread_local std::string keyScratch, valueScratch;
  const void *key, *value;
  size_t keyLen, valueLen;
  if (!Bytes(env, info[2], keyScratch, key, keyLen))
    return ThrowType(env, "key must be a Buffer, a string or null");
  if (!Bytes(env, info[3], valueScratch, value, valueLen))
    return ThrowType(env, "value must be a Buffer, a string or null");
  void *opaque = reinterpret_cast<void *>(static_cast<uintptr_t>(info[4].As<Napi::Number>().Uint32Value()));

  if (info.Length() < 6 || !info[5].IsArray()) {
    int r = rd_kafka_produce(rkt, partition, RD_KAFKA_MSG_F_COPY, const_cast<void *>(value),
                             valueLen, key, keyLen, opaque);
    return Napi::Number::New(env, r == 0 ? 0 : rd_kafka_last_error());
  }
  Napi::Array extras = info[5].As<Napi::Array>();
  Napi::Value tsv = extras[0u];
  double ts = tsv.IsNumber() ? tsv.As<Napi::Number>().DoubleValue() : 0;
  Napi::Value hv = extras[1u];
  rd_kafka_headers_t *hdrs = nullptr;
  if (hv.IsArray()) {
    Napi::Array arr = hv.As<Napi::Array>();
    uint32_t n = arr.Length();
    hdrs = rd_kafka_headers_new(n / 2);
    std::string name, scratch;
    for (uint32_t i = 0; i + 1 < n; i += 2) {
      Napi::Value hn = arr[i];
      const void *hd;
      size_t hl;
      if (!hn.IsString() || !Bytes(env, arr.Get(i + 1), scratch, hd, hl)) {
        rd_kafka_headers_destroy(hdrs);
        return ThrowType(env, "header names must be strings, values Buffers, strings or null");
      }
      name = hn.As<Napi::String>().Utf8Value();
      rd_kafka_header_add(hdrs, name.data(), name.size(), hd, hd ? hl : 0);
    }
  }
  rd_kafka_resp_err_t err = rd_kafka_producev(
      c->rk_, RD_KAFKA_V_RKT(rkt), RD_KAFKA_V_PARTITION(partition),
      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_VALUE(const_cast<void *>(value), valueLen),
      RD_KAFKA_V_KEY(key, keyLen), RD_KAFKA_V_TIMESTAMP(static_cast<int64_t>(ts)),
      RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
  if (err && hdrs) rd_kafka_headers_destroy(hdrs);  // only owned by librdkafka on success
  return Napi::Number::New(env, err);
}

// flushKick(timeoutMs): makes librdkafka send what is lingering now and keep doing so until
// nothing is outstanding, as rd_kafka_flush() does (linger.ms counts as elapsed only while a
// flush call is running, and rd_kafka_flush(rk, 0) ends before a broker thread even looks).
// So the flush runs on the client's worker thread, in bounded slices, until nothing is left,
// `timeoutMs` passed (negative: no limit) or the client is closing; the JS thread keeps
// draining delivery reports meanwhile and flush() waits, event-driven, for them.
Napi::Value Client::FlushKick(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  double timeout = info[0].IsNumber() ? info[0].As<Napi::Number>().DoubleValue() : -1;
  using Clock = std::chrono::steady_clock;
  Clock::time_point deadline =
      timeout < 0 || timeout > 1e9 ? Clock::time_point::max() : Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(timeout));
  rd_kafka_t *rk = c->rk_;  // destroyed by a job queued behind this one (Close, Teardown)
  std::shared_ptr<WorkerState> st = c->worker_;
  c->Post(Job{[rk, st, deadline] {
                for (;;) {
                  {
                    std::lock_guard<std::mutex> lock(st->mu);
                    if (st->stop) return;  // closing: the destroy is waiting behind us
                  }
                  int slice = 50;
                  if (deadline != Clock::time_point::max()) {
                    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
                    if (left <= 0) return;
                    if (left < slice) slice = static_cast<int>(left);
                  }
                  if (rd_kafka_flush(rk, slice) == RD_KAFKA_RESP_ERR_NO_ERROR) return;
                }
              },
              nullptr});
  return info.Env().Undefined();
}

// purge(inFlightToo): fails queued (and optionally in-flight) messages with Local_PurgeQueue /
// Local_PurgeInflight delivery reports; non-blocking.
Napi::Value Client::Purge(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  int flags = RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_NON_BLOCKING;
  if (info[0].ToBoolean()) flags |= RD_KAFKA_PURGE_F_INFLIGHT;
  rd_kafka_resp_err_t err = rd_kafka_purge(c->rk_, flags);
  c->waker_->Wake();
  return Napi::Number::New(info.Env(), err);
}

}  // namespace kafka_napi

namespace kafka_napi {

// transaction(op, timeoutMs, requestId[, offsets, groupMetadata]): op 0 init, 1 begin,
// 2 commit, 3 abort, 4 sendOffsets. begin does not wait and is answered at once; the others
// wait on the broker, so they run on the client's worker thread (commit also waits for
// outstanding deliveries, which the JS thread keeps draining meanwhile) and resolve the
// request through kEvResult with librdkafka's error flags (retriable, txn requires abort).
Napi::Value Client::Transaction(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  if (!info[0].IsNumber() || !info[1].IsNumber() || !info[2].IsNumber())
    return ThrowType(env, "transaction(op, timeoutMs, id[, offsets, groupMetadata])");
  int op = info[0].As<Napi::Number>().Int32Value();
  int timeout = info[1].As<Napi::Number>().Int32Value();
  uint32_t id = info[2].As<Napi::Number>().Uint32Value();
  rd_kafka_t *rk = c->rk_;
  if (op == 1) {
    rd_kafka_error_t *error = rd_kafka_begin_transaction(rk);
    return error ? Napi::Value(ErrorObject(env, error)) : env.Null();
  }
  rd_kafka_topic_partition_list_t *offsets = nullptr;
  rd_kafka_consumer_group_metadata_t *cgmd = nullptr;
  if (op == 4) {
    offsets = ToPartitionList(env, info[3]);
    if (!offsets) return env.Undefined();
    if (!info[4].IsBuffer()) {
      rd_kafka_topic_partition_list_destroy(offsets);
      return ThrowType(env, "groupMetadata must be a Buffer");
    }
    auto buf = info[4].As<Napi::Buffer<char>>();
    rd_kafka_error_t *error = rd_kafka_consumer_group_metadata_read(&cgmd, buf.Data(), buf.Length());
    if (error) {
      rd_kafka_topic_partition_list_destroy(offsets);
      return ErrorObject(env, error);
    }
  }
  // Owns the error until the JS thread converts it (ErrorObject destroys it), or frees it if
  // that never happens (client torn down first).
  struct Result {
    rd_kafka_error_t *error = nullptr;
    ~Result() {
      if (error) rd_kafka_error_destroy(error);
    }
  };
  auto result = std::make_shared<Result>();
  c->Post(Job{[rk, op, timeout, offsets, cgmd, result] {
                switch (op) {
                  case 0: result->error = rd_kafka_init_transactions(rk, timeout); break;
                  case 2: result->error = rd_kafka_commit_transaction(rk, timeout); break;
                  case 3: result->error = rd_kafka_abort_transaction(rk, timeout); break;
                  case 4:
                    result->error = rd_kafka_send_offsets_to_transaction(rk, offsets, cgmd, timeout);
                    rd_kafka_topic_partition_list_destroy(offsets);
                    rd_kafka_consumer_group_metadata_destroy(cgmd);
                    break;
                }
              },
              [result, id](Napi::Env env, Client *c) {
                rd_kafka_error_t *error = result->error;
                result->error = nullptr;
                Napi::Value err = error ? Napi::Value(ErrorObject(env, error)) : env.Null();
                c->Resolve(env, id, err, env.Undefined());
              }});
  return env.Undefined();
}

}  // namespace kafka_napi
