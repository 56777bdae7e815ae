// Client: owns one rd_kafka_t and the single wake-up path from librdkafka's threads to the JS
// thread. librdkafka calls QueueEventCb (under the queue lock, on its own threads) whenever an
// op lands on one of our queues; that sets an atomic flag and, if it was clear, makes one
// ThreadSafeFunction call. On the JS thread Drain() then empties every queue with timeout 0
// and hands the results to the TypeScript dispatcher in batches. Nothing here ever waits on
// the JS thread; rd_kafka_destroy and other blocking calls run on the client's own worker
// thread (never the libuv pool).
#pragma once

#include "common.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace kafka_napi {

// Event kinds passed as the first argument of the JS dispatcher (mirrored in src/binding.ts).
enum EventKind : int {
  kEvDelivery = 1,  // (buffer: ArrayBuffer, count)  -- see Client::FlushDeliveries
  kEvError = 2,     // (errorObject)
  kEvLog = 3,       // (level, facility, message)
  kEvStats = 4,     // (json)
  kEvResult = 5,    // (requestId, errorObject | null, value)
  kEvClosed = 6,    // ()
  // 7 was an OAuth token refresh: librdkafka's own refresh callback serves those now.
  kEvConsumerReady = 8, // () the consumer queue has something: messages or rebalance events
  // 9: unused (rebalance events come back from Client::Fetch, see consumer.cc)
  kEvCommit = 10,       // (errorObject | null, partitions)
};

class Client;

// Outlives the Client: owned by the ThreadSafeFunction, freed by its finalizer.
struct Waker;
void CallJs(Napi::Env env, Napi::Function, Waker *waker, void *);
struct Waker {
  Napi::TypedThreadSafeFunction<Waker, void, CallJs> tsfn;
  std::atomic<bool> pending{false};
  Client *client = nullptr;  // cleared (on the JS thread) when the client is torn down
  void Wake() {
    if (!pending.exchange(true, std::memory_order_acq_rel)) tsfn.NonBlockingCall();
  }
};

// A blocking librdkafka call to run off the JS thread, and its completion on the JS thread.
struct Job {
  std::function<void()> work;                     // worker thread
  std::function<void(Napi::Env, Client *)> done;  // JS thread (not run if the env is gone)
};

// Shared by the Client and its worker thread, so a worker finishing after the Client was
// garbage-collected touches nothing freed.
struct WorkerState {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Job> jobs;
  std::vector<Job> completed;
  bool stop = false;
  Waker *waker = nullptr;  // null once nobody listens
};

class Client : public Napi::ObjectWrap<Client> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Client(const Napi::CallbackInfo &info);
  ~Client() override;

  rd_kafka_t *rk() const { return rk_; }
  rd_kafka_type_t type() const { return type_; }
  Napi::FunctionReference &dispatch() { return dispatch_; }
  // Settles request `id` in TypeScript (kEvResult): `error` an error object or null.
  void Resolve(Napi::Env env, uint32_t id, Napi::Value error, Napi::Value value) {
    dispatch_.Value().Call({Napi::Number::New(env, kEvResult), Napi::Number::New(env, id), error, value});
  }
  // Runs `job.work` on the worker thread, then `job.done` on the JS thread.
  void Post(Job job);
  // The consumer's message queue (null for producers/admin).
  rd_kafka_queue_t *consumerQueue() const { return consumerq_; }
  rd_kafka_queue_t *resultQueue() const { return resultq_; }
  void Drain(Napi::Env env);

  // Helpers for methods: false (with a pending exception) when `this` is not a live client.
  static Client *Self(const Napi::CallbackInfo &info);

 private:
  // Instance methods (client.cc)
  Napi::Value Name(const Napi::CallbackInfo &info);
  Napi::Value SetRef(const Napi::CallbackInfo &info);
  Napi::Value WakeUp(const Napi::CallbackInfo &info);
  Napi::Value Close(const Napi::CallbackInfo &info);
  Napi::Value Metadata(const Napi::CallbackInfo &info);
  // Producer (producer.cc)
  Napi::Value Topic(const Napi::CallbackInfo &info);
  Napi::Value Produce(const Napi::CallbackInfo &info);
  Napi::Value FlushKick(const Napi::CallbackInfo &info);
  Napi::Value Purge(const Napi::CallbackInfo &info);
  Napi::Value Transaction(const Napi::CallbackInfo &info);
  // Consumer (consumer.cc)
  Napi::Value Subscribe(const Napi::CallbackInfo &info);
  Napi::Value Unsubscribe(const Napi::CallbackInfo &info);
  Napi::Value Subscription(const Napi::CallbackInfo &info);
  Napi::Value Assign(const Napi::CallbackInfo &info);
  Napi::Value Assignment(const Napi::CallbackInfo &info);
  Napi::Value AssignmentLost(const Napi::CallbackInfo &info);
  Napi::Value RebalanceProtocol(const Napi::CallbackInfo &info);
  Napi::Value Fetch(const Napi::CallbackInfo &info);
  Napi::Value KeepAlive(const Napi::CallbackInfo &info);
  Napi::Value StoreOffsets(const Napi::CallbackInfo &info);
  Napi::Value Commit(const Napi::CallbackInfo &info);
  Napi::Value Seek(const Napi::CallbackInfo &info);
  Napi::Value PauseResume(const Napi::CallbackInfo &info);
  Napi::Value Position(const Napi::CallbackInfo &info);
  Napi::Value Committed(const Napi::CallbackInfo &info);
  Napi::Value OffsetsForTimes(const Napi::CallbackInfo &info);
  Napi::Value Watermarks(const Napi::CallbackInfo &info);
  Napi::Value MemberId(const Napi::CallbackInfo &info);
  Napi::Value GroupMetadata(const Napi::CallbackInfo &info);
  Napi::Value ConsumerClose(const Napi::CallbackInfo &info);
  Napi::Value ConsumerClosed(const Napi::CallbackInfo &info);
  // Admin (admin.cc); Metadata above is there too
  Napi::Value CreateTopics(const Napi::CallbackInfo &info);
  Napi::Value DeleteTopics(const Napi::CallbackInfo &info);
  Napi::Value CreatePartitions(const Napi::CallbackInfo &info);
  Napi::Value DeleteRecords(const Napi::CallbackInfo &info);
  Napi::Value DescribeConfigs(const Napi::CallbackInfo &info);
  Napi::Value AlterConfigs(const Napi::CallbackInfo &info);
  Napi::Value IncrementalAlterConfigs(const Napi::CallbackInfo &info);
  Napi::Value DeleteGroups(const Napi::CallbackInfo &info);
  Napi::Value ListConsumerGroups(const Napi::CallbackInfo &info);
  Napi::Value DescribeConsumerGroups(const Napi::CallbackInfo &info);
  Napi::Value ListConsumerGroupOffsets(const Napi::CallbackInfo &info);
  Napi::Value AlterConsumerGroupOffsets(const Napi::CallbackInfo &info);
  Napi::Value DescribeTopics(const Napi::CallbackInfo &info);
  Napi::Value DescribeCluster(const Napi::CallbackInfo &info);
  Napi::Value ListOffsets(const Napi::CallbackInfo &info);

  void DrainMain(Napi::Env env);
  // more: a turn's worth was handed over and more is ready (JS calls wake() a turn later).
  bool FlushDeliveries(Napi::Env env, bool more = false);
  // Stops all callbacks into this object and releases librdkafka; `wait` joins the destroy
  // (env teardown), otherwise it finishes on the worker thread.
  void Teardown(bool wait);
  void StartWorker();
  void ReleaseQueues();
  static void CleanupHook(void *arg);

  rd_kafka_t *rk_ = nullptr;
  rd_kafka_type_t type_ = RD_KAFKA_PRODUCER;
  rd_kafka_queue_t *mainq_ = nullptr;
  rd_kafka_queue_t *resultq_ = nullptr;
  rd_kafka_queue_t *consumerq_ = nullptr;
  // The queue rd_kafka_consumer_close_queue() forwards the consumer queue to (consumer.cc).
  rd_kafka_queue_t *closeq_ = nullptr;
  // The rebalance protocol of the last rebalance event (consumer.cc Fetch).
  std::string rebalanceProtocol_ = "NONE";
  Waker *waker_ = nullptr;
  // Strong only while work is pending (setRef) or a close is under way: an idle client the
  // application dropped must be collectable, and the dispatcher's closure references the
  // client's own JS objects (a strong reference would make them a GC root).
  Napi::FunctionReference dispatch_;
  bool dispatchStrong_ = false;
  void SetDispatchStrong(bool strong);
  std::vector<rd_kafka_topic_t *> topics_;
  std::shared_ptr<WorkerState> worker_;
  std::thread workerThread_;
  bool closing_ = false;   // close() called: no new work accepted
  bool torndown_ = false;  // librdkafka released or being released
  bool hook_ = false;
  napi_env env_ = nullptr;

  // Delivery reports gathered during one Drain(), sent to JS in one call.
  struct Dr {
    double offset, timestamp;
    uint32_t id;
    int32_t err, partition;
    uint8_t flags;  // timestamp type (bits 0-1) | persistence status (bits 2-3)
  };
  std::vector<Dr> drs_;
  size_t drFailed_ = 0;  // failed reports in drs_
  // A delivery-report event handed over in part (a turn's worth): the rest on the next drain.
  rd_kafka_event_t *drEvent_ = nullptr;
};

// admin.cc: converts an admin result event (RD_KAFKA_EVENT_*_RESULT) and resolves its request
// through kEvResult; false when `ev` is not an admin result. JS thread (Client::DrainMain).
bool DispatchAdminResult(Napi::Env env, Client *c, rd_kafka_event_t *ev);

}  // namespace kafka_napi
