// Admin calls. Each builds librdkafka's request objects from plain JS values, starts the
// asynchronous rd_kafka_<Op>() with the client's result queue and the request id as the event
// opaque, and returns at once: librdkafka copies its inputs, so they are destroyed here. The
// result event wakes the JS thread like any other; Client::DrainMain hands it to
// DispatchAdminResult, which converts it to plain values and resolves the request through
// kEvResult. Per-item errors are passed as they are: deciding what is a failure is TypeScript's.
// rd_kafka_metadata() has no asynchronous form; it runs on the client's worker thread, bounded
// by its timeout (never on the JS thread, never on a libuv pool thread).
#include "client.h"

#include <cstring>
#include <vector>

namespace kafka_napi {

namespace {

thread_local char errstr[512];  // JS threads only (one per env)

Napi::Value ErrorOf(Napi::Env env, const rd_kafka_error_t *error) {
  if (!error || rd_kafka_error_code(error) == RD_KAFKA_RESP_ERR_NO_ERROR) return env.Undefined();
  return ErrorObject(env, rd_kafka_error_code(error), rd_kafka_error_string(error));
}

void SetError(Napi::Env env, Napi::Object o, rd_kafka_resp_err_t err, const char *str) {
  if (err) o.Set("error", ErrorObject(env, err, str));
}

Napi::Value Str(Napi::Env env, const char *s) {
  return s ? Napi::Value(Napi::String::New(env, s)) : env.Null();
}

bool ThrowError(Napi::Env env, rd_kafka_error_t *error) {
  if (!error) return false;
  ThrowKafka(env, rd_kafka_error_code(error), rd_kafka_error_string(error));
  rd_kafka_error_destroy(error);
  return true;
}

bool ThrowErr(Napi::Env env, rd_kafka_resp_err_t err) {
  if (!err) return false;
  ThrowKafka(env, err, errstr);
  return true;
}

// Reads an int32 array; false with a pending TypeError.
bool GetInt32s(Napi::Env env, Napi::Value v, std::vector<int32_t> &out, const char *what) {
  if (!v.IsArray()) {
    Napi::TypeError::New(env, std::string(what) + " must be an array of numbers").ThrowAsJavaScriptException();
    return false;
  }
  Napi::Array a = v.As<Napi::Array>();
  out.clear();
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value e = a[i];
    if (!e.IsNumber()) {
      Napi::TypeError::New(env, std::string(what) + " must be an array of numbers").ThrowAsJavaScriptException();
      return false;
    }
    out.push_back(e.As<Napi::Number>().Int32Value());
  }
  return true;
}

bool GetStrings(Napi::Env env, Napi::Value v, std::vector<std::string> &out, const char *what) {
  if (!v.IsArray()) {
    Napi::TypeError::New(env, std::string(what) + " must be an array of strings").ThrowAsJavaScriptException();
    return false;
  }
  Napi::Array a = v.As<Napi::Array>();
  out.clear();
  for (uint32_t i = 0; i < a.Length(); i++) {
    std::string s;
    if (!GetString(env, a[i], s, what)) return false;
    out.push_back(std::move(s));
  }
  return true;
}

// Objects librdkafka allocates, destroyed when the call returns (librdkafka keeps copies).
template <typename T, void (*Destroy)(T *)>
struct Owned {
  std::vector<T *> v;
  ~Owned() {
    for (T *p : v)
      if (p) Destroy(p);
  }
};

struct OptionsGuard {
  rd_kafka_AdminOptions_t *p = nullptr;
  ~OptionsGuard() {
    if (p) rd_kafka_AdminOptions_destroy(p);
  }
};

// options: { requestTimeoutMs?, operationTimeoutMs?, validateOnly?, requireStableOffsets?,
// includeAuthorizedOperations?, matchConsumerGroupStates?: number[], matchConsumerGroupTypes?:
// number[], isolationLevel?: number }; only what is present is set (librdkafka's defaults
// otherwise). The request id travels as the event opaque.
bool MakeOptions(Napi::Env env, rd_kafka_t *rk, rd_kafka_admin_op_t op, Napi::Value v, uint32_t id,
                 OptionsGuard &out) {
  out.p = rd_kafka_AdminOptions_new(rk, op);
  rd_kafka_AdminOptions_set_opaque(out.p, reinterpret_cast<void *>(static_cast<uintptr_t>(id)));
  if (v.IsUndefined() || v.IsNull()) return true;
  if (!v.IsObject()) {
    ThrowType(env, "options must be an object");
    return false;
  }
  Napi::Object o = v.As<Napi::Object>();
  Napi::Value x;
  if ((x = o.Get("requestTimeoutMs")).IsNumber() &&
      ThrowErr(env, rd_kafka_AdminOptions_set_request_timeout(out.p, x.As<Napi::Number>().Int32Value(), errstr,
                                                               sizeof errstr)))
    return false;
  if ((x = o.Get("operationTimeoutMs")).IsNumber() &&
      ThrowErr(env, rd_kafka_AdminOptions_set_operation_timeout(out.p, x.As<Napi::Number>().Int32Value(), errstr,
                                                                 sizeof errstr)))
    return false;
  if ((x = o.Get("validateOnly")).IsBoolean() &&
      ThrowErr(env, rd_kafka_AdminOptions_set_validate_only(out.p, x.ToBoolean(), errstr, sizeof errstr)))
    return false;
  if ((x = o.Get("requireStableOffsets")).IsBoolean() &&
      ThrowError(env, rd_kafka_AdminOptions_set_require_stable_offsets(out.p, x.ToBoolean())))
    return false;
  if ((x = o.Get("includeAuthorizedOperations")).IsBoolean() &&
      ThrowError(env, rd_kafka_AdminOptions_set_include_authorized_operations(out.p, x.ToBoolean())))
    return false;
  if ((x = o.Get("isolationLevel")).IsNumber() &&
      ThrowError(env, rd_kafka_AdminOptions_set_isolation_level(
                          out.p, static_cast<rd_kafka_IsolationLevel_t>(x.As<Napi::Number>().Int32Value()))))
    return false;
  std::vector<int32_t> ints;
  if (!(x = o.Get("matchConsumerGroupStates")).IsUndefined()) {
    if (!GetInt32s(env, x, ints, "matchConsumerGroupStates")) return false;
    std::vector<rd_kafka_consumer_group_state_t> states;
    for (int32_t s : ints) states.push_back(static_cast<rd_kafka_consumer_group_state_t>(s));
    if (ThrowError(env, rd_kafka_AdminOptions_set_match_consumer_group_states(out.p, states.data(), states.size())))
      return false;
  }
  if (!(x = o.Get("matchConsumerGroupTypes")).IsUndefined()) {
    if (!GetInt32s(env, x, ints, "matchConsumerGroupTypes")) return false;
    std::vector<rd_kafka_consumer_group_type_t> types;
    for (int32_t t : ints) types.push_back(static_cast<rd_kafka_consumer_group_type_t>(t));
    if (ThrowError(env, rd_kafka_AdminOptions_set_match_consumer_group_types(out.p, types.data(), types.size())))
      return false;
  }
  return true;
}

// The common prologue: a live client, an array argument (unless `arrayArg` < 0), options and id.
struct Call {
  Client *c = nullptr;
  uint32_t id = 0;
  OptionsGuard opts;
};

bool Begin(const Napi::CallbackInfo &info, rd_kafka_admin_op_t op, int arrayArg, size_t optsArg, Call &call) {
  Napi::Env env = info.Env();
  call.c = Client::Self(info);
  if (!call.c) return false;
  if (arrayArg >= 0 && !info[arrayArg].IsArray()) {
    ThrowType(env, "expected an array");
    return false;
  }
  if (!info[optsArg + 1].IsNumber()) {
    ThrowType(env, "request id must be a number");
    return false;
  }
  call.id = info[optsArg + 1].As<Napi::Number>().Uint32Value();
  return MakeOptions(env, call.c->rk(), op, info[optsArg], call.id, call.opts);
}

Napi::Value NodeObject(Napi::Env env, const rd_kafka_Node_t *n) {
  if (!n) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("id", Napi::Number::New(env, rd_kafka_Node_id(n)));
  o.Set("host", Str(env, rd_kafka_Node_host(n)));
  o.Set("port", Napi::Number::New(env, rd_kafka_Node_port(n)));
  o.Set("rack", Str(env, rd_kafka_Node_rack(n)));
  return o;
}

Napi::Array NodeArray(Napi::Env env, const rd_kafka_Node_t **nodes, size_t cnt) {
  Napi::Array a = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) a[i] = NodeObject(env, nodes[i]);
  return a;
}

// null when the operations were not requested (librdkafka returns none).
Napi::Value AclOps(Napi::Env env, const rd_kafka_AclOperation_t *ops, size_t cnt) {
  if (!ops) return env.Null();
  Napi::Array a = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) a[i] = Napi::Number::New(env, ops[i]);
  return a;
}

Napi::Array TopicResults(Napi::Env env, const rd_kafka_topic_result_t **res, size_t cnt) {
  Napi::Array a = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("topic", Str(env, rd_kafka_topic_result_name(res[i])));
    SetError(env, o, rd_kafka_topic_result_error(res[i]), rd_kafka_topic_result_error_string(res[i]));
    a[i] = o;
  }
  return a;
}

Napi::Array GroupResults(Napi::Env env, const rd_kafka_group_result_t **res, size_t cnt) {
  Napi::Array a = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("group", Str(env, rd_kafka_group_result_name(res[i])));
    Napi::Value e = ErrorOf(env, rd_kafka_group_result_error(res[i]));
    if (!e.IsUndefined()) o.Set("error", e);
    const rd_kafka_topic_partition_list_t *parts = rd_kafka_group_result_partitions(res[i]);
    o.Set("partitions", parts ? Napi::Value(FromPartitionList(env, parts)) : env.Null());
    a[i] = o;
  }
  return a;
}

Napi::Object ConfigEntryObject(Napi::Env env, const rd_kafka_ConfigEntry_t *e, bool withSynonyms) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", Str(env, rd_kafka_ConfigEntry_name(e)));
  o.Set("value", Str(env, rd_kafka_ConfigEntry_value(e)));
  o.Set("source", Napi::Number::New(env, rd_kafka_ConfigEntry_source(e)));
  if (!withSynonyms) return o;
  o.Set("isReadOnly", Napi::Boolean::New(env, rd_kafka_ConfigEntry_is_read_only(e)));
  o.Set("isDefault", Napi::Boolean::New(env, rd_kafka_ConfigEntry_is_default(e)));
  o.Set("isSensitive", Napi::Boolean::New(env, rd_kafka_ConfigEntry_is_sensitive(e)));
  o.Set("isSynonym", Napi::Boolean::New(env, rd_kafka_ConfigEntry_is_synonym(e)));
  size_t cnt = 0;
  const rd_kafka_ConfigEntry_t **syn = rd_kafka_ConfigEntry_synonyms(e, &cnt);
  Napi::Array s = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) s[i] = ConfigEntryObject(env, syn[i], false);
  o.Set("synonyms", s);
  return o;
}

Napi::Array ConfigResources(Napi::Env env, const rd_kafka_ConfigResource_t **res, size_t cnt) {
  Napi::Array a = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", Napi::Number::New(env, rd_kafka_ConfigResource_type(res[i])));
    o.Set("name", Str(env, rd_kafka_ConfigResource_name(res[i])));
    SetError(env, o, rd_kafka_ConfigResource_error(res[i]), rd_kafka_ConfigResource_error_string(res[i]));
    size_t n = 0;
    const rd_kafka_ConfigEntry_t **entries = rd_kafka_ConfigResource_configs(res[i], &n);
    Napi::Array ea = Napi::Array::New(env, n);
    for (size_t j = 0; j < n; j++) ea[j] = ConfigEntryObject(env, entries[j], true);
    o.Set("configs", ea);
    a[i] = o;
  }
  return a;
}

Napi::Value Assignment(Napi::Env env, const rd_kafka_MemberAssignment_t *a) {
  if (!a) return env.Null();
  return FromPartitionList(env, rd_kafka_MemberAssignment_partitions(a));
}

Napi::Array GroupDescriptions(Napi::Env env, const rd_kafka_ConsumerGroupDescription_t **groups, size_t cnt) {
  Napi::Array a = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) {
    const rd_kafka_ConsumerGroupDescription_t *g = groups[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("groupId", Str(env, rd_kafka_ConsumerGroupDescription_group_id(g)));
    Napi::Value e = ErrorOf(env, rd_kafka_ConsumerGroupDescription_error(g));
    if (!e.IsUndefined()) o.Set("error", e);
    o.Set("isSimpleConsumerGroup", Napi::Boolean::New(env, rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(g)));
    o.Set("partitionAssignor", Str(env, rd_kafka_ConsumerGroupDescription_partition_assignor(g)));
    o.Set("state", Napi::Number::New(env, rd_kafka_ConsumerGroupDescription_state(g)));
    o.Set("type", Napi::Number::New(env, rd_kafka_ConsumerGroupDescription_type(g)));
    o.Set("coordinator", NodeObject(env, rd_kafka_ConsumerGroupDescription_coordinator(g)));
    size_t opsCnt = 0;
    const rd_kafka_AclOperation_t *ops = rd_kafka_ConsumerGroupDescription_authorized_operations(g, &opsCnt);
    o.Set("authorizedOperations", AclOps(env, ops, opsCnt));
    size_t mc = rd_kafka_ConsumerGroupDescription_member_count(g);
    Napi::Array members = Napi::Array::New(env, mc);
    for (size_t m = 0; m < mc; m++) {
      const rd_kafka_MemberDescription_t *md = rd_kafka_ConsumerGroupDescription_member(g, m);
      Napi::Object mo = Napi::Object::New(env);
      mo.Set("clientId", Str(env, rd_kafka_MemberDescription_client_id(md)));
      mo.Set("groupInstanceId", Str(env, rd_kafka_MemberDescription_group_instance_id(md)));
      mo.Set("consumerId", Str(env, rd_kafka_MemberDescription_consumer_id(md)));
      mo.Set("host", Str(env, rd_kafka_MemberDescription_host(md)));
      mo.Set("assignment", Assignment(env, rd_kafka_MemberDescription_assignment(md)));
      mo.Set("targetAssignment", Assignment(env, rd_kafka_MemberDescription_target_assignment(md)));
      members[m] = mo;
    }
    o.Set("members", members);
    a[i] = o;
  }
  return a;
}

Napi::Value UuidObject(Napi::Env env, const rd_kafka_Uuid_t *u) {
  if (!u) return env.Null();
  Napi::Object o = Napi::Object::New(env);
  o.Set("mostSignificantBits", Napi::BigInt::New(env, rd_kafka_Uuid_most_significant_bits(u)));
  o.Set("leastSignificantBits", Napi::BigInt::New(env, rd_kafka_Uuid_least_significant_bits(u)));
  o.Set("base64", Str(env, rd_kafka_Uuid_base64str(u)));
  return o;
}

Napi::Array TopicDescriptions(Napi::Env env, const rd_kafka_TopicDescription_t **topics, size_t cnt) {
  Napi::Array a = Napi::Array::New(env, cnt);
  for (size_t i = 0; i < cnt; i++) {
    const rd_kafka_TopicDescription_t *t = topics[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", Str(env, rd_kafka_TopicDescription_name(t)));
    o.Set("topicId", UuidObject(env, rd_kafka_TopicDescription_topic_id(t)));
    Napi::Value e = ErrorOf(env, rd_kafka_TopicDescription_error(t));
    if (!e.IsUndefined()) o.Set("error", e);
    o.Set("isInternal", Napi::Boolean::New(env, rd_kafka_TopicDescription_is_internal(t)));
    size_t pc = 0;
    const rd_kafka_TopicPartitionInfo_t **parts = rd_kafka_TopicDescription_partitions(t, &pc);
    Napi::Array pa = Napi::Array::New(env, pc);
    for (size_t p = 0; p < pc; p++) {
      Napi::Object po = Napi::Object::New(env);
      po.Set("partition", Napi::Number::New(env, rd_kafka_TopicPartitionInfo_partition(parts[p])));
      po.Set("leader", NodeObject(env, rd_kafka_TopicPartitionInfo_leader(parts[p])));
      size_t n = 0;
      const rd_kafka_Node_t **nodes = rd_kafka_TopicPartitionInfo_replicas(parts[p], &n);
      po.Set("replicas", NodeArray(env, nodes, n));
      nodes = rd_kafka_TopicPartitionInfo_isr(parts[p], &n);
      po.Set("isr", NodeArray(env, nodes, n));
      pa[p] = po;
    }
    o.Set("partitions", pa);
    size_t opsCnt = 0;
    const rd_kafka_AclOperation_t *ops = rd_kafka_TopicDescription_authorized_operations(t, &opsCnt);
    o.Set("authorizedOperations", AclOps(env, ops, opsCnt));
    a[i] = o;
  }
  return a;
}

Napi::Object MetadataObject(Napi::Env env, const rd_kafka_metadata_t *md) {
  Napi::Object o = Napi::Object::New(env);
  Napi::Array brokers = Napi::Array::New(env, md->broker_cnt);
  for (int i = 0; i < md->broker_cnt; i++) {
    Napi::Object b = Napi::Object::New(env);
    b.Set("brokerId", Napi::Number::New(env, md->brokers[i].id));
    b.Set("host", Str(env, md->brokers[i].host));
    b.Set("port", Napi::Number::New(env, md->brokers[i].port));
    brokers[i] = b;
  }
  Napi::Array topics = Napi::Array::New(env, md->topic_cnt);
  for (int i = 0; i < md->topic_cnt; i++) {
    const rd_kafka_metadata_topic_t *t = &md->topics[i];
    Napi::Object to = Napi::Object::New(env);
    to.Set("topic", Str(env, t->topic));
    SetError(env, to, t->err, nullptr);
    Napi::Array parts = Napi::Array::New(env, t->partition_cnt);
    for (int p = 0; p < t->partition_cnt; p++) {
      const rd_kafka_metadata_partition_t *mp = &t->partitions[p];
      Napi::Object po = Napi::Object::New(env);
      po.Set("partitionId", Napi::Number::New(env, mp->id));
      po.Set("leader", Napi::Number::New(env, mp->leader));
      Napi::Array replicas = Napi::Array::New(env, mp->replica_cnt);
      for (int r = 0; r < mp->replica_cnt; r++) replicas[r] = Napi::Number::New(env, mp->replicas[r]);
      Napi::Array isrs = Napi::Array::New(env, mp->isr_cnt);
      for (int r = 0; r < mp->isr_cnt; r++) isrs[r] = Napi::Number::New(env, mp->isrs[r]);
      po.Set("replicas", replicas);
      po.Set("inSyncReplicas", isrs);
      SetError(env, po, mp->err, nullptr);
      parts[p] = po;
    }
    to.Set("partitions", parts);
    topics[i] = to;
  }
  o.Set("brokers", brokers);
  o.Set("topics", topics);
  o.Set("originatingBrokerId", Napi::Number::New(env, md->orig_broker_id));
  o.Set("originatingBrokerName", Str(env, md->orig_broker_name));
  return o;
}

// [{ type, name, configs?: [{ name, value, op? }] }] -> ConfigResources; `incremental` uses op.
bool ToConfigResources(Napi::Env env, Napi::Array arr, bool withConfigs, bool incremental,
                       Owned<rd_kafka_ConfigResource_t, rd_kafka_ConfigResource_destroy> &out) {
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value ev = arr[i];
    if (!ev.IsObject()) return ThrowType(env, "each resource must be an object"), false;
    Napi::Object r = ev.As<Napi::Object>();
    std::string name;
    if (!r.Get("type").IsNumber()) return ThrowType(env, "resource type must be a number"), false;
    if (!GetString(env, r.Get("name"), name, "resource name")) return false;
    rd_kafka_ConfigResource_t *res = rd_kafka_ConfigResource_new(
        static_cast<rd_kafka_ResourceType_t>(r.Get("type").As<Napi::Number>().Int32Value()), name.c_str());
    out.v.push_back(res);
    if (!withConfigs) continue;
    Napi::Value cv = r.Get("configs");
    if (!cv.IsArray()) return ThrowType(env, "resource configs must be an array"), false;
    Napi::Array configs = cv.As<Napi::Array>();
    for (uint32_t j = 0; j < configs.Length(); j++) {
      Napi::Value ce = configs[j];
      if (!ce.IsObject()) return ThrowType(env, "each config entry must be an object"), false;
      Napi::Object c = ce.As<Napi::Object>();
      std::string cname, cvalue;
      if (!GetString(env, c.Get("name"), cname, "config name")) return false;
      Napi::Value value = c.Get("value");
      bool hasValue = !value.IsNull() && !value.IsUndefined();
      if (hasValue && !GetString(env, value, cvalue, "config value")) return false;
      if (incremental) {
        if (!c.Get("op").IsNumber()) return ThrowType(env, "config op must be a number"), false;
        if (ThrowError(env, rd_kafka_ConfigResource_add_incremental_config(
                                res, cname.c_str(),
                                static_cast<rd_kafka_AlterConfigOpType_t>(c.Get("op").As<Napi::Number>().Int32Value()),
                                hasValue ? cvalue.c_str() : nullptr)))
          return false;
      } else {
        rd_kafka_resp_err_t err = rd_kafka_ConfigResource_set_config(res, cname.c_str(), hasValue ? cvalue.c_str() : nullptr);
        if (err) return ThrowKafka(env, err, rd_kafka_err2str(err)), false;
      }
    }
  }
  return true;
}

// [{ group, partitions: [...] | null }] for List/AlterConsumerGroupOffsets.
template <typename T, T *(*New)(const char *, const rd_kafka_topic_partition_list_t *), void (*Destroy)(T *)>
bool ToGroupPartitions(Napi::Env env, Napi::Array arr, bool partitionsRequired, Owned<T, Destroy> &out) {
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value ev = arr[i];
    if (!ev.IsObject()) return ThrowType(env, "each group request must be an object"), false;
    Napi::Object g = ev.As<Napi::Object>();
    std::string group;
    if (!GetString(env, g.Get("group"), group, "group")) return false;
    Napi::Value pv = g.Get("partitions");
    rd_kafka_topic_partition_list_t *list = nullptr;
    if (!pv.IsNull() && !pv.IsUndefined()) {
      list = ToPartitionList(env, pv);
      if (!list) return false;
    } else if (partitionsRequired) {
      return ThrowType(env, "partitions must be an array"), false;
    }
    out.v.push_back(New(group.c_str(), list));
    if (list) rd_kafka_topic_partition_list_destroy(list);
  }
  return true;
}

}  // namespace

// createTopics([{ name, numPartitions, replicationFactor, replicasAssignments?: number[][],
//   configs?: { [name]: string } }], options, id)
Napi::Value Client::CreateTopics(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_CREATETOPICS, 0, 1, call)) return env.Undefined();
  Napi::Array arr = info[0].As<Napi::Array>();
  Owned<rd_kafka_NewTopic_t, rd_kafka_NewTopic_destroy> topics;
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value ev = arr[i];
    if (!ev.IsObject()) return ThrowType(env, "each topic specification must be an object");
    Napi::Object t = ev.As<Napi::Object>();
    std::string name;
    if (!GetString(env, t.Get("name"), name, "topic name")) return env.Undefined();
    if (!t.Get("numPartitions").IsNumber() || !t.Get("replicationFactor").IsNumber())
      return ThrowType(env, "numPartitions and replicationFactor must be numbers");
    rd_kafka_NewTopic_t *nt = rd_kafka_NewTopic_new(name.c_str(), t.Get("numPartitions").As<Napi::Number>().Int32Value(),
                                                    t.Get("replicationFactor").As<Napi::Number>().Int32Value(),
                                                    errstr, sizeof errstr);
    if (!nt) {
      ThrowKafka(env, RD_KAFKA_RESP_ERR__INVALID_ARG, errstr);
      return env.Undefined();
    }
    topics.v.push_back(nt);
    Napi::Value ra = t.Get("replicasAssignments");
    if (ra.IsArray()) {
      Napi::Array parts = ra.As<Napi::Array>();
      std::vector<int32_t> ids;
      for (uint32_t p = 0; p < parts.Length(); p++) {
        if (!GetInt32s(env, parts[p], ids, "replica assignment")) return env.Undefined();
        if (ThrowErr(env, rd_kafka_NewTopic_set_replica_assignment(nt, static_cast<int32_t>(p), ids.data(), ids.size(),
                                                                   errstr, sizeof errstr)))
          return env.Undefined();
      }
    }
    Napi::Value cv = t.Get("configs");
    if (cv.IsObject()) {
      Napi::Object configs = cv.As<Napi::Object>();
      Napi::Array keys = configs.GetPropertyNames();
      for (uint32_t k = 0; k < keys.Length(); k++) {
        std::string key = keys.Get(k).ToString().Utf8Value(), value;
        if (!GetString(env, configs.Get(key), value, "config value")) return env.Undefined();
        rd_kafka_resp_err_t err = rd_kafka_NewTopic_set_config(nt, key.c_str(), value.c_str());
        if (err) {
          ThrowKafka(env, err, rd_kafka_err2str(err));
          return env.Undefined();
        }
      }
    }
  }
  rd_kafka_CreateTopics(call.c->rk_, topics.v.data(), topics.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// deleteTopics(names, options, id)
Napi::Value Client::DeleteTopics(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_DELETETOPICS, 0, 1, call)) return env.Undefined();
  std::vector<std::string> names;
  if (!GetStrings(env, info[0], names, "topic name")) return env.Undefined();
  Owned<rd_kafka_DeleteTopic_t, rd_kafka_DeleteTopic_destroy> topics;
  for (const std::string &n : names) topics.v.push_back(rd_kafka_DeleteTopic_new(n.c_str()));
  rd_kafka_DeleteTopics(call.c->rk_, topics.v.data(), topics.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// createPartitions([{ topic, increaseTo, replicaAssignments?: number[][] }], options, id)
Napi::Value Client::CreatePartitions(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, 0, 1, call)) return env.Undefined();
  Napi::Array arr = info[0].As<Napi::Array>();
  Owned<rd_kafka_NewPartitions_t, rd_kafka_NewPartitions_destroy> parts;
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value ev = arr[i];
    if (!ev.IsObject()) return ThrowType(env, "each partitions specification must be an object");
    Napi::Object s = ev.As<Napi::Object>();
    std::string topic;
    if (!GetString(env, s.Get("topic"), topic, "topic")) return env.Undefined();
    if (!s.Get("increaseTo").IsNumber()) return ThrowType(env, "increaseTo must be a number");
    int64_t total = s.Get("increaseTo").As<Napi::Number>().Int64Value();
    rd_kafka_NewPartitions_t *np =
        rd_kafka_NewPartitions_new(topic.c_str(), total < 0 ? 0 : static_cast<size_t>(total), errstr, sizeof errstr);
    if (!np) {
      ThrowKafka(env, RD_KAFKA_RESP_ERR__INVALID_ARG, errstr);
      return env.Undefined();
    }
    parts.v.push_back(np);
    Napi::Value ra = s.Get("replicaAssignments");
    if (ra.IsArray()) {
      Napi::Array a = ra.As<Napi::Array>();
      std::vector<int32_t> ids;
      for (uint32_t p = 0; p < a.Length(); p++) {
        if (!GetInt32s(env, a[p], ids, "replica assignment")) return env.Undefined();
        if (ThrowErr(env, rd_kafka_NewPartitions_set_replica_assignment(np, static_cast<int32_t>(p), ids.data(),
                                                                        ids.size(), errstr, sizeof errstr)))
          return env.Undefined();
      }
    }
  }
  rd_kafka_CreatePartitions(call.c->rk_, parts.v.data(), parts.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// deleteRecords(partitions with offset = delete before, options, id)
Napi::Value Client::DeleteRecords(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_DELETERECORDS, 0, 1, call)) return env.Undefined();
  rd_kafka_topic_partition_list_t *list = ToPartitionList(env, info[0]);
  if (!list) return env.Undefined();
  Owned<rd_kafka_DeleteRecords_t, rd_kafka_DeleteRecords_destroy> del;
  del.v.push_back(rd_kafka_DeleteRecords_new(list));
  rd_kafka_topic_partition_list_destroy(list);
  rd_kafka_DeleteRecords(call.c->rk_, del.v.data(), del.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// describeConfigs([{ type, name }], options, id)
Napi::Value Client::DescribeConfigs(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, 0, 1, call)) return env.Undefined();
  Owned<rd_kafka_ConfigResource_t, rd_kafka_ConfigResource_destroy> res;
  if (!ToConfigResources(env, info[0].As<Napi::Array>(), false, false, res)) return env.Undefined();
  rd_kafka_DescribeConfigs(call.c->rk_, res.v.data(), res.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// alterConfigs([{ type, name, configs: [{ name, value }] }], options, id)
Napi::Value Client::AlterConfigs(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_ALTERCONFIGS, 0, 1, call)) return env.Undefined();
  Owned<rd_kafka_ConfigResource_t, rd_kafka_ConfigResource_destroy> res;
  if (!ToConfigResources(env, info[0].As<Napi::Array>(), true, false, res)) return env.Undefined();
  rd_kafka_AlterConfigs(call.c->rk_, res.v.data(), res.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// incrementalAlterConfigs([{ type, name, configs: [{ name, value, op }] }], options, id)
Napi::Value Client::IncrementalAlterConfigs(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS, 0, 1, call)) return env.Undefined();
  Owned<rd_kafka_ConfigResource_t, rd_kafka_ConfigResource_destroy> res;
  if (!ToConfigResources(env, info[0].As<Napi::Array>(), true, true, res)) return env.Undefined();
  rd_kafka_IncrementalAlterConfigs(call.c->rk_, res.v.data(), res.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// deleteGroups(groups, options, id)
Napi::Value Client::DeleteGroups(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_DELETEGROUPS, 0, 1, call)) return env.Undefined();
  std::vector<std::string> names;
  if (!GetStrings(env, info[0], names, "group")) return env.Undefined();
  Owned<rd_kafka_DeleteGroup_t, rd_kafka_DeleteGroup_destroy> groups;
  for (const std::string &n : names) groups.v.push_back(rd_kafka_DeleteGroup_new(n.c_str()));
  rd_kafka_DeleteGroups(call.c->rk_, groups.v.data(), groups.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// listConsumerGroups(options, id)
Napi::Value Client::ListConsumerGroups(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, -1, 0, call)) return env.Undefined();
  rd_kafka_ListConsumerGroups(call.c->rk_, call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// describeConsumerGroups(groups, options, id)
Napi::Value Client::DescribeConsumerGroups(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, 0, 1, call)) return env.Undefined();
  std::vector<std::string> names;
  if (!GetStrings(env, info[0], names, "group")) return env.Undefined();
  std::vector<const char *> ptrs;
  for (const std::string &n : names) ptrs.push_back(n.c_str());
  rd_kafka_DescribeConsumerGroups(call.c->rk_, ptrs.data(), ptrs.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// listConsumerGroupOffsets([{ group, partitions: [...] | null }], options, id)
Napi::Value Client::ListConsumerGroupOffsets(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, 0, 1, call)) return env.Undefined();
  Owned<rd_kafka_ListConsumerGroupOffsets_t, rd_kafka_ListConsumerGroupOffsets_destroy> req;
  if (!ToGroupPartitions<rd_kafka_ListConsumerGroupOffsets_t, rd_kafka_ListConsumerGroupOffsets_new,
                         rd_kafka_ListConsumerGroupOffsets_destroy>(env, info[0].As<Napi::Array>(), false, req))
    return env.Undefined();
  rd_kafka_ListConsumerGroupOffsets(call.c->rk_, req.v.data(), req.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// alterConsumerGroupOffsets([{ group, partitions }], options, id)
Napi::Value Client::AlterConsumerGroupOffsets(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, 0, 1, call)) return env.Undefined();
  Owned<rd_kafka_AlterConsumerGroupOffsets_t, rd_kafka_AlterConsumerGroupOffsets_destroy> req;
  if (!ToGroupPartitions<rd_kafka_AlterConsumerGroupOffsets_t, rd_kafka_AlterConsumerGroupOffsets_new,
                         rd_kafka_AlterConsumerGroupOffsets_destroy>(env, info[0].As<Napi::Array>(), true, req))
    return env.Undefined();
  rd_kafka_AlterConsumerGroupOffsets(call.c->rk_, req.v.data(), req.v.size(), call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// describeTopics(names, options, id)
Napi::Value Client::DescribeTopics(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_DESCRIBETOPICS, 0, 1, call)) return env.Undefined();
  std::vector<std::string> names;
  if (!GetStrings(env, info[0], names, "topic name")) return env.Undefined();
  std::vector<const char *> ptrs;
  for (const std::string &n : names) ptrs.push_back(n.c_str());
  rd_kafka_TopicCollection_t *coll = rd_kafka_TopicCollection_of_topic_names(ptrs.data(), ptrs.size());
  rd_kafka_DescribeTopics(call.c->rk_, coll, call.opts.p, call.c->resultq_);
  rd_kafka_TopicCollection_destroy(coll);
  return env.Undefined();
}

// describeCluster(options, id)
Napi::Value Client::DescribeCluster(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_DESCRIBECLUSTER, -1, 0, call)) return env.Undefined();
  rd_kafka_DescribeCluster(call.c->rk_, call.opts.p, call.c->resultq_);
  return env.Undefined();
}

// listOffsets(partitions with offset = OffsetSpec value or timestamp, options, id)
Napi::Value Client::ListOffsets(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Call call;
  if (!Begin(info, RD_KAFKA_ADMIN_OP_LISTOFFSETS, 0, 1, call)) return env.Undefined();
  rd_kafka_topic_partition_list_t *list = ToPartitionList(env, info[0]);
  if (!list) return env.Undefined();
  rd_kafka_ListOffsets(call.c->rk_, list, call.opts.p, call.c->resultq_);
  rd_kafka_topic_partition_list_destroy(list);
  return env.Undefined();
}

// metadata(topic: string | null, allTopics: boolean, timeoutMs, id): rd_kafka_metadata() on
// the worker thread; resolves request `id` with { brokers, topics, originatingBroker... }.
Napi::Value Client::Metadata(const Napi::CallbackInfo &info) {
  Napi::Env env = info.Env();
  Client *c = Self(info);
  if (!c) return env.Undefined();
  std::string topic;
  bool hasTopic = !info[0].IsNull() && !info[0].IsUndefined();
  if (hasTopic && !GetString(env, info[0], topic, "topic")) return env.Undefined();
  if (!info[2].IsNumber() || !info[3].IsNumber()) return ThrowType(env, "metadata(topic, allTopics, timeoutMs, id)");
  bool all = info[1].ToBoolean();
  int timeout = info[2].As<Napi::Number>().Int32Value();
  uint32_t id = info[3].As<Napi::Number>().Uint32Value();
  struct M {
    const rd_kafka_metadata_t *md = nullptr;
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    ~M() {
      if (md) rd_kafka_metadata_destroy(md);
    }
  };
  auto m = std::make_shared<M>();
  rd_kafka_t *rk = c->rk_;
  // The topic handle is created and released on the worker, before any destroy posted later.
  c->Post(Job{[rk, m, hasTopic, topic, all, timeout] {
                rd_kafka_topic_t *rkt = hasTopic ? rd_kafka_topic_new(rk, topic.c_str(), nullptr) : nullptr;
                m->err = rd_kafka_metadata(rk, all, rkt, &m->md, timeout);
                if (rkt) rd_kafka_topic_destroy(rkt);
              },
              [m, id](Napi::Env env, Client *c) {
                c->Resolve(env, id, ErrorOrNull(env, m->err),
                           m->md ? Napi::Value(MetadataObject(env, m->md)) : env.Null());
              }});
  return env.Undefined();
}

// Converts an admin result event and resolves its request (opaque = request id). Returns
// false for events that are not admin results. On a top-level error the value is null:
// librdkafka's result accessors are not meaningful then.
bool DispatchAdminResult(Napi::Env env, Client *c, rd_kafka_event_t *ev) {
  rd_kafka_event_type_t type = rd_kafka_event_type(ev);
  switch (type) {
    case RD_KAFKA_EVENT_CREATETOPICS_RESULT:
    case RD_KAFKA_EVENT_DELETETOPICS_RESULT:
    case RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT:
    case RD_KAFKA_EVENT_DELETERECORDS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT:
    case RD_KAFKA_EVENT_ALTERCONFIGS_RESULT:
    case RD_KAFKA_EVENT_INCREMENTALALTERCONFIGS_RESULT:
    case RD_KAFKA_EVENT_DELETEGROUPS_RESULT:
    case RD_KAFKA_EVENT_LISTCONSUMERGROUPS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT:
    case RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT:
    case RD_KAFKA_EVENT_ALTERCONSUMERGROUPOFFSETS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBETOPICS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBECLUSTER_RESULT:
    case RD_KAFKA_EVENT_LISTOFFSETS_RESULT:
      break;
    default:
      return false;
  }
  uint32_t id = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(rd_kafka_event_opaque(ev)));
  rd_kafka_resp_err_t err = rd_kafka_event_error(ev);
  Napi::Value value = env.Null();
  size_t cnt = 0;
  if (!err) switch (type) {
      case RD_KAFKA_EVENT_CREATETOPICS_RESULT: {
        const rd_kafka_topic_result_t **r = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &cnt);
        value = TopicResults(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_DELETETOPICS_RESULT: {
        const rd_kafka_topic_result_t **r = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev), &cnt);
        value = TopicResults(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT: {
        const rd_kafka_topic_result_t **r =
            rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(ev), &cnt);
        value = TopicResults(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_DELETERECORDS_RESULT:
        value = FromPartitionList(env, rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(ev)));
        break;
      case RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT: {
        const rd_kafka_ConfigResource_t **r =
            rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev), &cnt);
        value = ConfigResources(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_ALTERCONFIGS_RESULT: {
        const rd_kafka_ConfigResource_t **r =
            rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(ev), &cnt);
        value = ConfigResources(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_INCREMENTALALTERCONFIGS_RESULT: {
        const rd_kafka_ConfigResource_t **r = rd_kafka_IncrementalAlterConfigs_result_resources(
            rd_kafka_event_IncrementalAlterConfigs_result(ev), &cnt);
        value = ConfigResources(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_DELETEGROUPS_RESULT: {
        const rd_kafka_group_result_t **r = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev), &cnt);
        value = GroupResults(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT: {
        const rd_kafka_group_result_t **r =
            rd_kafka_ListConsumerGroupOffsets_result_groups(rd_kafka_event_ListConsumerGroupOffsets_result(ev), &cnt);
        value = GroupResults(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_ALTERCONSUMERGROUPOFFSETS_RESULT: {
        const rd_kafka_group_result_t **r =
            rd_kafka_AlterConsumerGroupOffsets_result_groups(rd_kafka_event_AlterConsumerGroupOffsets_result(ev), &cnt);
        value = GroupResults(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_LISTCONSUMERGROUPS_RESULT: {
        const rd_kafka_ListConsumerGroups_result_t *res = rd_kafka_event_ListConsumerGroups_result(ev);
        const rd_kafka_ConsumerGroupListing_t **valid = rd_kafka_ListConsumerGroups_result_valid(res, &cnt);
        Napi::Array va = Napi::Array::New(env, cnt);
        for (size_t i = 0; i < cnt; i++) {
          Napi::Object g = Napi::Object::New(env);
          g.Set("groupId", Str(env, rd_kafka_ConsumerGroupListing_group_id(valid[i])));
          g.Set("isSimpleConsumerGroup", Napi::Boolean::New(env, rd_kafka_ConsumerGroupListing_is_simple_consumer_group(valid[i])));
          g.Set("state", Napi::Number::New(env, rd_kafka_ConsumerGroupListing_state(valid[i])));
          g.Set("type", Napi::Number::New(env, rd_kafka_ConsumerGroupListing_type(valid[i])));
          va[i] = g;
        }
        const rd_kafka_error_t **errors = rd_kafka_ListConsumerGroups_result_errors(res, &cnt);
        Napi::Array ea = Napi::Array::New(env, cnt);
        for (size_t i = 0; i < cnt; i++) ea[i] = ErrorObject(env, rd_kafka_error_code(errors[i]), rd_kafka_error_string(errors[i]));
        Napi::Object o = Napi::Object::New(env);
        o.Set("valid", va);
        o.Set("errors", ea);
        value = o;
        break;
      }
      case RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT: {
        const rd_kafka_ConsumerGroupDescription_t **r =
            rd_kafka_DescribeConsumerGroups_result_groups(rd_kafka_event_DescribeConsumerGroups_result(ev), &cnt);
        value = GroupDescriptions(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_DESCRIBETOPICS_RESULT: {
        const rd_kafka_TopicDescription_t **r =
            rd_kafka_DescribeTopics_result_topics(rd_kafka_event_DescribeTopics_result(ev), &cnt);
        value = TopicDescriptions(env, r, cnt);
        break;
      }
      case RD_KAFKA_EVENT_DESCRIBECLUSTER_RESULT: {
        const rd_kafka_DescribeCluster_result_t *res = rd_kafka_event_DescribeCluster_result(ev);
        Napi::Object o = Napi::Object::New(env);
        o.Set("clusterId", Str(env, rd_kafka_DescribeCluster_result_cluster_id(res)));
        o.Set("controller", NodeObject(env, rd_kafka_DescribeCluster_result_controller(res)));
        const rd_kafka_Node_t **nodes = rd_kafka_DescribeCluster_result_nodes(res, &cnt);
        o.Set("nodes", NodeArray(env, nodes, cnt));
        const rd_kafka_AclOperation_t *ops = rd_kafka_DescribeCluster_result_authorized_operations(res, &cnt);
        o.Set("authorizedOperations", AclOps(env, ops, cnt));
        value = o;
        break;
      }
      case RD_KAFKA_EVENT_LISTOFFSETS_RESULT: {
        const rd_kafka_ListOffsetsResultInfo_t **r =
            rd_kafka_ListOffsets_result_infos(rd_kafka_event_ListOffsets_result(ev), &cnt);
        Napi::Array a = Napi::Array::New(env, cnt);
        for (size_t i = 0; i < cnt; i++) {
          const rd_kafka_topic_partition_t *tp = rd_kafka_ListOffsetsResultInfo_topic_partition(r[i]);
          Napi::Object o = Napi::Object::New(env);
          o.Set("topic", Str(env, tp->topic));
          o.Set("partition", Napi::Number::New(env, tp->partition));
          o.Set("offset", Napi::Number::New(env, static_cast<double>(tp->offset)));
          int32_t epoch = rd_kafka_topic_partition_get_leader_epoch(tp);
          if (epoch >= 0) o.Set("leaderEpoch", Napi::Number::New(env, epoch));
          SetError(env, o, tp->err, nullptr);
          o.Set("timestamp", Napi::Number::New(env, static_cast<double>(rd_kafka_ListOffsetsResultInfo_timestamp(r[i]))));
          a[i] = o;
        }
        value = a;
        break;
      }
      default:
        break;
    }
  c->Resolve(env, id, ErrorOrNull(env, err, rd_kafka_event_error_string(ev)), value);
  return true;
}

}  // namespace kafka_napi
