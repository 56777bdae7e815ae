// Conversions between librdkafka structures and plain JS values.
#include "common.h"

namespace kafka_napi {

bool GetString(Napi::Env env, Napi::Value v, std::string &out, const char *what) {
  if (!v.IsString()) {
    std::string msg = std::string(what) + " must be a string";
    Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
    return false;
  }
  out = v.As<Napi::String>().Utf8Value();
  // librdkafka takes C strings: an embedded NUL would silently cut the name short, so that
  // two different JS strings named one thing.
  if (out.find('\0') != std::string::npos) {
    std::string msg = std::string(what) + " must not contain a NUL character";
    Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
    return false;
  }
  return true;
}

bool GetInt32(Napi::Env env, Napi::Value v, int32_t &out, const char *what, int32_t min, int32_t max) {
  double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : 0;
  if (!v.IsNumber() || !(d >= min && d <= max) || d != static_cast<double>(static_cast<int64_t>(d))) {
    std::string msg = std::string(what) + " must be an integer from " + std::to_string(min) + " to " + std::to_string(max);
    Napi::TypeError::New(env, msg).ThrowAsJavaScriptException();
    return false;
  }
  out = static_cast<int32_t>(d);
  return true;
}

Napi::Array FromPartitionList(Napi::Env env, const rd_kafka_topic_partition_list_t *list) {
  Napi::Array out = Napi::Array::New(env, list ? list->cnt : 0);
  if (!list) return out;
  for (int i = 0; i < list->cnt; i++) {
    const rd_kafka_topic_partition_t *p = &list->elems[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("topic", p->topic);
    o.Set("partition", Napi::Number::New(env, p->partition));
    o.Set("offset", static_cast<double>(p->offset));
    int32_t epoch = rd_kafka_topic_partition_get_leader_epoch(p);
    if (epoch >= 0) o.Set("leaderEpoch", Napi::Number::New(env, epoch));
    if (p->metadata && p->metadata_size)
      o.Set("metadata", Napi::Buffer<char>::Copy(env, static_cast<const char *>(p->metadata),
                                                 p->metadata_size));
    if (p->err) o.Set("error", ErrorObject(env, p->err, rd_kafka_err2str(p->err)));
    out[i] = o;
  }
  return out;
}

rd_kafka_topic_partition_list_t *ToPartitionList(Napi::Env env, Napi::Value value) {
  if (!value.IsArray()) {
    ThrowType(env, "partitions must be an array");
    return nullptr;
  }
  Napi::Array arr = value.As<Napi::Array>();
  rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value ev = arr[i];
    if (!ev.IsObject()) {
      rd_kafka_topic_partition_list_destroy(list);
      ThrowType(env, "each partition must be an object");
      return nullptr;
    }
    Napi::Object e = ev.As<Napi::Object>();
    std::string topic;
    int32_t partition;
    if (!GetString(env, e.Get("topic"), topic, "topic") ||
        !GetInt32(env, e.Get("partition"), partition, "partition", RD_KAFKA_PARTITION_UA)) {
      rd_kafka_topic_partition_list_destroy(list);
      return nullptr;
    }
    rd_kafka_topic_partition_t *p = rd_kafka_topic_partition_list_add(list, topic.c_str(), partition);
    Napi::Value offset = e.Get("offset");
    p->offset = offset.IsNumber() ? offset.As<Napi::Number>().Int64Value() : RD_KAFKA_OFFSET_INVALID;
    Napi::Value epoch = e.Get("leaderEpoch");
    if (epoch.IsNumber())
      rd_kafka_topic_partition_set_leader_epoch(p, epoch.As<Napi::Number>().Int32Value());
    Napi::Value metadata = e.Get("metadata");
    if (metadata.IsBuffer()) {
      auto buf = metadata.As<Napi::Buffer<char>>();
      p->metadata = malloc(buf.Length());
      memcpy(p->metadata, buf.Data(), buf.Length());
      p->metadata_size = buf.Length();
    }
  }
  return list;
}

}  // namespace kafka_napi
