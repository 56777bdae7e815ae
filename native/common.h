// Shared declarations of the kafka-napi addon. The native layer mirrors librdkafka calls:
// argument conversion, ownership and threading only; policy lives in TypeScript (src/).
#pragma once

#include <napi.h>
#include <rdkafka.h>

#include <cstdint>
#include <string>

namespace kafka_napi {

// Type tags: a wrapped object is only ever unwrapped as the class that tagged it.
extern const napi_type_tag kClientTag;
extern const napi_type_tag kMockClusterTag;

// Throws a TypeError (for argument checks that protect memory; wording of user-facing
// validation lives in TypeScript).
inline Napi::Value ThrowType(Napi::Env env, const char *msg) {
  Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
  return env.Undefined();
}

// A plain error object { code, reason, isFatal, isRetriable, txnRequiresAbort } that the
// TypeScript layer turns into a KafkaError.
Napi::Object ErrorObject(Napi::Env env, rd_kafka_resp_err_t code, const char *reason,
                         bool fatal = false, bool retriable = false, bool txnAbort = false);
// null when `code` is NO_ERROR, else ErrorObject(code, reason or librdkafka's text).
Napi::Value ErrorOrNull(Napi::Env env, rd_kafka_resp_err_t code, const char *reason = nullptr);
// Same, from an rd_kafka_error_t (which it destroys).
Napi::Object ErrorObject(Napi::Env env, rd_kafka_error_t *error);
// Throws an Error carrying the error object's fields (code, reason, ...).
void ThrowKafka(Napi::Env env, rd_kafka_resp_err_t code, const std::string &reason);

// topic-partition lists <-> [{ topic, partition, offset, leaderEpoch?, error? }]
Napi::Array FromPartitionList(Napi::Env env, const rd_kafka_topic_partition_list_t *list);
// Returns nullptr (with a pending TypeError) when the array is malformed.
rd_kafka_topic_partition_list_t *ToPartitionList(Napi::Env env, Napi::Value value);

// Reads a JS number that must fit an int32 in [min, max] (Int32Value would wrap it), or
// returns false with a pending TypeError naming `what`.
bool GetInt32(Napi::Env env, Napi::Value v, int32_t &out, const char *what, int32_t min = INT32_MIN,
              int32_t max = INT32_MAX);

// Reads a JS string, or returns false with a pending TypeError naming `what`.
bool GetString(Napi::Env env, Napi::Value v, std::string &out, const char *what);

}  // namespace kafka_napi
