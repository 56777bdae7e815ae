// Module entry: exports the Client and MockCluster classes and librdkafka's static facts.
// Context-aware (NODE_API_MODULE): every env (main thread, each worker) gets its own classes.
#include "client.h"
#include "mock.h"

namespace kafka_napi {
namespace {

Napi::Value Version(const Napi::CallbackInfo &info) {
  return Napi::Number::New(info.Env(), rd_kafka_version());
}

Napi::Value VersionString(const Napi::CallbackInfo &info) {
  return Napi::String::New(info.Env(), rd_kafka_version_str());
}

// The builtin.features of this build (codecs, SSL, SASL mechanisms, ...), comma-separated.
Napi::Value Features(const Napi::CallbackInfo &info) {
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  char buf[512];
  size_t size = sizeof buf;
  rd_kafka_conf_get(conf, "builtin.features", buf, &size);
  rd_kafka_conf_destroy(conf);
  return Napi::String::New(info.Env(), buf);
}

// [{ code, name, desc }] from rd_kafka_get_err_descs(): checked against the generated ErrorCode.
Napi::Value ErrDescs(const Napi::CallbackInfo &info) {
  const struct rd_kafka_err_desc *descs;
  size_t cnt;
  rd_kafka_get_err_descs(&descs, &cnt);
  Napi::Array out = Napi::Array::New(info.Env());
  uint32_t j = 0;
  for (size_t i = 0; i < cnt; i++) {
    if (!descs[i].name) continue;
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("code", Napi::Number::New(info.Env(), descs[i].code));
    o.Set("name", descs[i].name);
    o.Set("desc", descs[i].desc ? descs[i].desc : "");
    out[j++] = o;
  }
  return out;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("Client", Client::Init(env));
  exports.Set("MockCluster", InitMockCluster(env));
  exports.Set("version", Napi::Function::New(env, Version));
  exports.Set("versionString", Napi::Function::New(env, VersionString));
  exports.Set("features", Napi::Function::New(env, Features));
  exports.Set("errDescs", Napi::Function::New(env, ErrDescs));
  return exports;
}

}  // namespace
}  // namespace kafka_napi

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return kafka_napi::Init(env, exports); }
NODE_API_MODULE(kafka_napi, InitModule)
