// JS config object -> rd_kafka_conf_t. Keys and values arrive as strings already mapped by
// src/config.ts; this only applies them and reports librdkafka's verdict.
#include "conf.h"

namespace kafka_napi {

rd_kafka_conf_t *BuildConf(Napi::Env env, Napi::Value config) {
  if (!config.IsObject()) {
    ThrowType(env, "config must be an object");
    return nullptr;
  }
  Napi::Object obj = config.As<Napi::Object>();
  Napi::Array keys = obj.GetPropertyNames();
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  char errstr[512];
  for (uint32_t i = 0; i < keys.Length(); i++) {
    std::string key = keys.Get(i).As<Napi::String>().Utf8Value();
    Napi::Value v = obj.Get(key);
    if (key.find('\0') != std::string::npos) {  // it would be looked up (and set) cut short
      rd_kafka_conf_destroy(conf);
      ThrowType(env, "config keys must not contain NUL");
      return nullptr;
    }
    if (!v.IsString()) {
      rd_kafka_conf_destroy(conf);
      ThrowType(env, "config values must be strings");
      return nullptr;
    }
    std::string value = v.As<Napi::String>().Utf8Value();
    rd_kafka_conf_res_t res = rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr);
    if (res != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      Napi::Error err = Napi::Error::New(env, errstr);
      err.Set("code", Napi::Number::New(env, static_cast<int>(RD_KAFKA_RESP_ERR__INVALID_ARG)));
      err.Set("key", key);
      err.Set("unknown", res == RD_KAFKA_CONF_UNKNOWN);
      err.ThrowAsJavaScriptException();
      return nullptr;
    }
  }
  // librdkafka checks topic-level consistency (message.timeout.ms > linger.ms, idempotence
  // vs acks, ...) when it finalizes the default topic config in rd_kafka_new, but only if
  // there is one; without it the same check fails every later rd_kafka_topic_new instead, so
  // that build() succeeded and every produce failed. An empty default topic config is what
  // librdkafka would start each topic from anyway.
  if (!rd_kafka_conf_get_default_topic_conf(conf))
    rd_kafka_conf_set_default_topic_conf(conf, rd_kafka_topic_conf_new());
  return conf;
}

}  // namespace kafka_napi
