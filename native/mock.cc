// MockCluster: librdkafka's in-process mock cluster (rdkafka_mock.h). It runs on its own
// thread and speaks the Kafka protocol on loopback. The control calls below hand a command
// to that thread and wait for its acknowledgement (microseconds, bounded by the mock thread,
// never by the network), which is why they are synchronous.
#include "mock.h"

#include <rdkafka_mock.h>

#include <thread>
#include <vector>

namespace kafka_napi {

const napi_type_tag kMockClusterTag = {0x6b61666b61ull, 0x2d6d6f636b2d636cull};

namespace {

class MockCluster : public Napi::ObjectWrap<MockCluster> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "MockCluster",
                       {
                           InstanceMethod<&MockCluster::Bootstraps>("bootstrapServers"),
                           InstanceMethod<&MockCluster::CreateTopic>("createTopic"),
                           InstanceMethod<&MockCluster::BrokerDown>("setBrokerDown"),
                           InstanceMethod<&MockCluster::BrokerUp>("setBrokerUp"),
                           InstanceMethod<&MockCluster::PartitionLeader>("setPartitionLeader"),
                           InstanceMethod<&MockCluster::PushRequestErrors>("pushRequestErrors"),
                           InstanceMethod<&MockCluster::BrokerRtt>("setRoundTripTime"),
                           InstanceMethod<&MockCluster::RebalanceDelay>("setGroupInitialRebalanceDelay"),
                           InstanceMethod<&MockCluster::Retention>("setPartitionRetention"),
                           InstanceMethod<&MockCluster::ApiVersion>("setApiVersion"),
                           InstanceMethod<&MockCluster::Close>("close"),
                       });
  }

  // new MockCluster(brokers)
  explicit MockCluster(const Napi::CallbackInfo &info) : Napi::ObjectWrap<MockCluster>(info) {
    Napi::Env env = info.Env();
    int brokers = info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : 1;
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    // The owning handle only carries the cluster; keep its own logging quiet.
    rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk_) {
      rd_kafka_conf_destroy(conf);
      ThrowKafka(env, RD_KAFKA_RESP_ERR__FAIL, errstr);
      return;
    }
    mc_ = rd_kafka_mock_cluster_new(rk_, brokers);
    if (!mc_) {
      rd_kafka_destroy(rk_);
      rk_ = nullptr;
      ThrowKafka(env, RD_KAFKA_RESP_ERR__FAIL, "could not create the mock cluster");
      return;
    }
    // The mock reports controller id 0 (no such broker) unless told otherwise, and admin
    // requests that go to the controller (CreateTopics, DescribeCluster, ...) then wait for
    // one until they time out. A real cluster always has a controller: broker 1 here.
    rd_kafka_mock_set_controller_id(mc_, 1);
    info.This().As<Napi::Object>().TypeTag(&kMockClusterTag);
    env_ = env;
    napi_add_env_cleanup_hook(env, Cleanup, this);
  }

  // Collected without close(): the destroy (it joins the mock's threads) runs off the JS
  // thread. At env teardown (Cleanup) it is done in place: there is no later.
  ~MockCluster() override {
    if (mc_) {
      napi_remove_env_cleanup_hook(env_, Cleanup, this);
      Destroy(false);
    }
  }

 private:
  static void Cleanup(void *arg) { static_cast<MockCluster *>(arg)->Destroy(true); }

  // Returns null (with a pending error) unless `this` is a live cluster.
  static MockCluster *Self(const Napi::CallbackInfo &info) {
    Napi::Object self = info.This().As<Napi::Object>();
    if (!self.CheckTypeTag(&kMockClusterTag)) {
      ThrowType(info.Env(), "not a MockCluster");
      return nullptr;
    }
    MockCluster *m = Unwrap(self);
    if (!m) return nullptr;  // the env is stopping (a terminated worker): see client.cc CanRunJs
    if (!m->mc_) {
      ThrowKafka(info.Env(), RD_KAFKA_RESP_ERR__DESTROY, "MockCluster is closed");
      return nullptr;
    }
    return m;
  }

  Napi::Value Result(Napi::Env env, rd_kafka_resp_err_t err) {
    if (err) ThrowKafka(env, err, rd_kafka_err2str(err));
    return env.Undefined();
  }

  void Destroy(bool wait) {
    if (!mc_) return;
    rd_kafka_mock_cluster_t *mc = mc_;
    rd_kafka_t *rk = rk_;
    mc_ = nullptr;
    rk_ = nullptr;
    auto destroy = [mc, rk] {
      rd_kafka_mock_cluster_destroy(mc);
      rd_kafka_destroy(rk);
    };
    if (wait) destroy();
    else std::thread(destroy).detach();
  }

  Napi::Value Bootstraps(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    return Napi::String::New(info.Env(), rd_kafka_mock_cluster_bootstraps(m->mc_));
  }

  Napi::Value CreateTopic(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    std::string topic;
    if (!GetString(info.Env(), info[0], topic, "topic")) return info.Env().Undefined();
    // A count that wrapped to a negative int corrupts the mock's partition array.
    int32_t partitions, replication;
    if (!GetInt32(info.Env(), info[1], partitions, "partitions", 1) ||
        !GetInt32(info.Env(), info[2], replication, "replicationFactor", 1))
      return info.Env().Undefined();
    return Result(info.Env(), rd_kafka_mock_topic_create(m->mc_, topic.c_str(), partitions, replication));
  }

  Napi::Value BrokerDown(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    if (!info[0].IsNumber()) return ThrowType(info.Env(), "brokerId must be a number");
    return Result(info.Env(), rd_kafka_mock_broker_set_down(m->mc_, info[0].As<Napi::Number>().Int32Value()));
  }

  Napi::Value BrokerUp(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    if (!info[0].IsNumber()) return ThrowType(info.Env(), "brokerId must be a number");
    return Result(info.Env(), rd_kafka_mock_broker_set_up(m->mc_, info[0].As<Napi::Number>().Int32Value()));
  }

  Napi::Value PartitionLeader(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    std::string topic;
    if (!GetString(info.Env(), info[0], topic, "topic")) return info.Env().Undefined();
    if (!info[1].IsNumber() || !info[2].IsNumber())
      return ThrowType(info.Env(), "setPartitionLeader(topic, partition, brokerId)");
    return Result(info.Env(), rd_kafka_mock_partition_set_leader(
                                  m->mc_, topic.c_str(), info[1].As<Napi::Number>().Int32Value(),
                                  info[2].As<Napi::Number>().Int32Value()));
  }

  // pushRequestErrors(apiKey, errorCodes[])
  Napi::Value PushRequestErrors(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    if (!info[0].IsNumber() || !info[1].IsArray())
      return ThrowType(info.Env(), "pushRequestErrors(apiKey, errors[])");
    Napi::Array arr = info[1].As<Napi::Array>();
    std::vector<rd_kafka_resp_err_t> errs;
    for (uint32_t i = 0; i < arr.Length(); i++) {
      Napi::Value v = arr[i];
      if (!v.IsNumber()) return ThrowType(info.Env(), "errors must be numbers");
      errs.push_back(static_cast<rd_kafka_resp_err_t>(v.As<Napi::Number>().Int32Value()));
    }
    rd_kafka_mock_push_request_errors_array(m->mc_, info[0].As<Napi::Number>().Int32Value(),
                                            errs.size(), errs.data());
    return info.Env().Undefined();
  }

  Napi::Value BrokerRtt(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    if (!info[0].IsNumber() || !info[1].IsNumber())
      return ThrowType(info.Env(), "setRoundTripTime(brokerId, ms)");
    return Result(info.Env(), rd_kafka_mock_broker_set_rtt(m->mc_, info[0].As<Napi::Number>().Int32Value(),
                                                           info[1].As<Napi::Number>().Int32Value()));
  }

  Napi::Value RebalanceDelay(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    if (!info[0].IsNumber()) return ThrowType(info.Env(), "ms must be a number");
    rd_kafka_mock_group_initial_rebalance_delay_ms(m->mc_, info[0].As<Napi::Number>().Int32Value());
    return info.Env().Undefined();
  }

  // setPartitionRetention(maxBytes, maxMessageSets): 0 = no limit; for partitions created
  // afterwards (deps/patches/librdkafka/0001-mock-partition-retention.patch). TypeScript
  // validates: both are integers in [0, 2^53).
  Napi::Value Retention(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    if (!info[0].IsNumber() || !info[1].IsNumber()) return ThrowType(info.Env(), "setPartitionRetention(bytes, sets)");
    double bytes = info[0].As<Napi::Number>().DoubleValue();
    double sets = info[1].As<Napi::Number>().DoubleValue();
    if (!(bytes >= 0 && bytes < 9007199254740992.0 && sets >= 0 && sets < 9007199254740992.0))
      return ThrowType(info.Env(), "retention limits must be integers from 0 to 2^53-1");
    rd_kafka_mock_partition_set_retention(m->mc_, static_cast<size_t>(bytes), static_cast<size_t>(sets));
    return info.Env().Undefined();
  }

  // setApiVersion(apiKey, minVersion, maxVersion): caps what the mock advertises (for
  // non-librdkafka clients that send versions the mock does not parse).
  Napi::Value ApiVersion(const Napi::CallbackInfo &info) {
    MockCluster *m = Self(info);
    if (!m) return info.Env().Undefined();
    if (!info[0].IsNumber() || !info[1].IsNumber() || !info[2].IsNumber())
      return ThrowType(info.Env(), "setApiVersion(apiKey, min, max)");
    return Result(info.Env(), rd_kafka_mock_set_apiversion(m->mc_, info[0].As<Napi::Number>().Int32Value(),
                                                           info[1].As<Napi::Number>().Int32Value(),
                                                           info[2].As<Napi::Number>().Int32Value()));
  }

  // close(callback): destroys the cluster on a short-lived thread (it joins the mock and
  // broker threads), then calls back on the JS thread. Idempotent.
  Napi::Value Close(const Napi::CallbackInfo &info) {
    Napi::Env env = info.Env();
    Napi::Object self = info.This().As<Napi::Object>();
    if (!self.CheckTypeTag(&kMockClusterTag)) return ThrowType(env, "not a MockCluster");
    if (!info[0].IsFunction()) return ThrowType(env, "close(callback)");
    MockCluster *m = Unwrap(self);
    if (!m) return env.Undefined();  // the env is stopping
    auto tsfn = Napi::ThreadSafeFunction::New(env, info[0].As<Napi::Function>(), "kafka-napi-mock-close", 0, 1);
    rd_kafka_mock_cluster_t *mc = m->mc_;
    rd_kafka_t *rk = m->rk_;
    if (mc) napi_remove_env_cleanup_hook(env, Cleanup, m);
    m->mc_ = nullptr;
    m->rk_ = nullptr;
    std::thread([mc, rk, tsfn]() mutable {
      if (mc) {
        rd_kafka_mock_cluster_destroy(mc);
        rd_kafka_destroy(rk);
      }
      tsfn.BlockingCall();
      tsfn.Release();
    }).detach();
    return env.Undefined();
  }

  rd_kafka_t *rk_ = nullptr;
  rd_kafka_mock_cluster_t *mc_ = nullptr;
  napi_env env_ = nullptr;
};

}  // namespace

Napi::Function InitMockCluster(Napi::Env env) { return MockCluster::Init(env); }

}  // namespace kafka_napi
