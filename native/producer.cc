// Producer calls: topic handles, the produce hot path, flush support and purge.
#include "client.h"

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

// produce(topicId, partition, key, value, timestampMs, headers | null, msgId) -> error code
// (0 on success). headers is a flat [name, value, name, value, ...] array. Errors are return
// values, not exceptions: the caller builds the ProduceException.
Napi::Value Client::Produce(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  Napi::Env env = info.Env();
  if (!c) return env.Undefined();
  if (info.Length() < 7 || !info[0].IsNumber() || !info[1].IsNumber() || !info[6].IsNumber())
    return ThrowType(env, "produce(topicId, partition, key, value, timestamp, headers, id)");
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
  double ts = info[4].IsNumber() ? info[4].As<Napi::Number>().DoubleValue() : 0;
  void *opaque = reinterpret_cast<void *>(static_cast<uintptr_t>(info[6].As<Napi::Number>().Uint32Value()));

  Napi::Value hv = info[5];
  if (ts == 0 && !hv.IsArray()) {
    int r = rd_kafka_produce(rkt, partition, RD_KAFKA_MSG_F_COPY, const_cast<void *>(value),
                             valueLen, key, keyLen, opaque);
    return Napi::Number::New(env, r == 0 ? 0 : rd_kafka_last_error());
  }
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

// Messages (and delivery reports) not yet handed back to the application.
Napi::Value Client::OutqLen(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  return Napi::Number::New(info.Env(), rd_kafka_outq_len(c->rk_));
}

// rd_kafka_flush with timeout 0 does not wait: in event mode it only tells the broker threads
// to send what is lingering now. flush() then waits, event-driven, for outqLen() == 0.
Napi::Value Client::FlushKick(const Napi::CallbackInfo &info) {
  Client *c = Self(info);
  if (!c) return info.Env().Undefined();
  rd_kafka_flush(c->rk_, 0);
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
