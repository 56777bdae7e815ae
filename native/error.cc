// librdkafka errors as plain JS objects; TypeScript builds KafkaError/KafkaException from them.
#include "common.h"

namespace kafka_napi {

Napi::Object ErrorObject(Napi::Env env, rd_kafka_resp_err_t code, const char *reason, bool fatal,
                         bool retriable, bool txnAbort) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("code", Napi::Number::New(env, static_cast<int>(code)));
  o.Set("reason", reason && *reason ? reason : rd_kafka_err2str(code));
  if (fatal) o.Set("isFatal", true);
  if (retriable) o.Set("isRetriable", true);
  if (txnAbort) o.Set("txnRequiresAbort", true);
  return o;
}

Napi::Value ErrorOrNull(Napi::Env env, rd_kafka_resp_err_t code, const char *reason) {
  if (!code) return env.Null();
  return ErrorObject(env, code, reason);
}

Napi::Object ErrorObject(Napi::Env env, rd_kafka_error_t *error) {
  Napi::Object o = ErrorObject(env, rd_kafka_error_code(error), rd_kafka_error_string(error),
                               rd_kafka_error_is_fatal(error), rd_kafka_error_is_retriable(error),
                               rd_kafka_error_txn_requires_abort(error));
  rd_kafka_error_destroy(error);
  return o;
}

void ThrowKafka(Napi::Env env, rd_kafka_resp_err_t code, const std::string &reason) {
  Napi::Error err = Napi::Error::New(env, reason);
  err.Set("code", Napi::Number::New(env, static_cast<int>(code)));
  err.Set("reason", reason);
  err.ThrowAsJavaScriptException();
}

}  // namespace kafka_napi
