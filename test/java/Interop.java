// The reference Java client (org.apache.kafka:kafka-clients, from build/kafka/lib) driven by
// test/kafka/interop-java.test.ts. Compiled with plain javac into build/java by the test
// (test/helpers/java.ts). Records travel as JSON lines (Jackson, also in build/kafka/lib):
//
//   produce <bootstrap> <topic> [property=value ...]
//       producer properties on top of acks=all, linger.ms=5 (e.g. transactional.id=…,
//       compression.type=zstd);
//       stdin:  {"key": s|null, "value": s|null, "headers": [[k, v|null], ...], "timestamp": ms?,
//               "partition": n?} or, with a transactional.id, {"txn": "begin" | "commit" | "abort"}
//       stdout: {"partition", "offset", "timestamp"} per record, in input order
//   consume <bootstrap> <topic> <count> [read_committed]
//       every partition from the beginning until <count> records were read (30 s at most);
//       stdout: {"partition", "offset", "key", "value", "headers", "timestamp", "timestampType"}
//   group <bootstrap> <topic> <groupId> <assignor class | "consumer">
//       a group member, classic protocol with that assignor, or the KIP-848 consumer protocol
//       (server-side assignment); commits synchronously after processing; prints
//       {"assigned": [...]} / {"revoked": [...]} and every record; stops on "stop" on stdin.
//   partition <numPartitions> <key>...
//       the default partitioner's choice for each key (murmur2), one per line.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

public final class Interop {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "produce" -> produce(args[1], args[2], java.util.Arrays.copyOfRange(args, 3, args.length));
      case "consume" -> consume(args[1], args[2], Integer.parseInt(args[3]), args.length > 4 ? args[4] : "read_uncommitted");
      case "group" -> group(args[1], args[2], args[3], args[4]);
      case "partition" -> {
        int n = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
          byte[] key = args[i].getBytes(StandardCharsets.UTF_8);
          OUT.println(Utils.toPositive(Utils.murmur2(key)) % n);
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  private static byte[] bytes(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText().getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  private static void produce(String bootstrap, String topic, String[] props) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.serializer", ByteArraySerializer.class.getName());
    p.put("value.serializer", ByteArraySerializer.class.getName());
    p.put("acks", "all");
    p.put("linger.ms", "5");
    for (String kv : props) {
      int eq = kv.indexOf('=');
      p.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    String transactionalId = p.getProperty("transactional.id");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      if (transactionalId != null) producer.initTransactions();
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode r = JSON.readTree(line);
        if (r.has("txn")) {
          switch (r.get("txn").asText()) {
            case "begin" -> producer.beginTransaction();
            case "commit" -> producer.commitTransaction();
            case "abort" -> {
              producer.flush(); // the aborted records are written (then marked aborted)
              producer.abortTransaction();
            }
            default -> throw new IllegalArgumentException(line);
          }
          continue;
        }
        RecordHeaders headers = new RecordHeaders();
        JsonNode hs = r.get("headers");
        if (hs != null) for (JsonNode h : hs) headers.add(h.get(0).asText(), bytes(h.get(1)));
        Long ts = r.hasNonNull("timestamp") ? r.get("timestamp").asLong() : null;
        Integer partition = r.hasNonNull("partition") ? r.get("partition").asInt() : null;
        sent.add(producer.send(new ProducerRecord<>(topic, partition, ts, bytes(r.get("key")), bytes(r.get("value")), headers)));
      }
      producer.flush();
      for (Future<RecordMetadata> f : sent) {
        RecordMetadata m = f.get();
        ObjectNode o = JSON.createObjectNode();
        o.put("partition", m.partition());
        o.put("offset", m.offset());
        o.put("timestamp", m.timestamp());
        OUT.println(o);
      }
    }
  }

  private static ObjectNode record(ConsumerRecord<byte[], byte[]> r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("partition", r.partition());
    o.put("offset", r.offset());
    o.put("key", text(r.key()));
    o.put("value", text(r.value()));
    ArrayNode hs = o.putArray("headers");
    for (Header h : r.headers()) hs.addArray().add(h.key()).add(text(h.value()));
    o.put("timestamp", r.timestamp());
    o.put("timestampType", r.timestampType().name);
    return o;
  }

  private static Properties consumerProps(String bootstrap, String groupId) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", "earliest");
    if (groupId != null) p.put("group.id", groupId);
    return p;
  }

  private static void consume(String bootstrap, String topic, int count, String isolation) {
    Properties p = consumerProps(bootstrap, null);
    p.put("isolation.level", isolation);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo i : consumer.partitionsFor(topic, Duration.ofSeconds(30))) tps.add(new TopicPartition(topic, i.partition()));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      long deadline = System.currentTimeMillis() + 30_000;
      int n = 0;
      while (n < count && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          OUT.println(record(r));
          n++;
        }
      }
    }
  }

  private static ArrayNode partitions(Collection<TopicPartition> tps) {
    ArrayNode a = JSON.createArrayNode();
    for (TopicPartition tp : tps) a.add(tp.partition());
    return a;
  }

  private static void group(String bootstrap, String topic, String groupId, String assignor) throws Exception {
    Properties p = consumerProps(bootstrap, groupId);
    if (assignor.equals("consumer")) {
      p.put("group.protocol", "consumer"); // the broker assigns; session and heartbeat are its settings
    } else {
      p.put("group.protocol", "classic");
      p.put("partition.assignment.strategy", assignor);
      p.put("session.timeout.ms", "10000");
      p.put("heartbeat.interval.ms", "500");
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      try {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) if (line.trim().equals("stop")) break;
      } catch (Exception ignored) {
        // stdin closed: stop as well
      }
      stop.set(true);
    });
    reader.setDaemon(true);
    reader.start();
    // Processed but not yet committed (a commit refused during a rebalance is retried from the
    // revoke callback, before the partitions move: the canonical at-least-once loop, which
    // has no duplicates when nothing fails).
    Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> tps) {
          Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
          for (TopicPartition tp : tps) if (pending.containsKey(tp)) mine.put(tp, pending.remove(tp));
          if (!mine.isEmpty()) consumer.commitSync(mine);
          OUT.println(JSON.createObjectNode().set("revoked", partitions(tps)));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> tps) {
          OUT.println(JSON.createObjectNode().set("assigned", partitions(tps)));
        }
      });
      while (!stop.get()) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          OUT.println(record(r));
          pending.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
        }
        if (pending.isEmpty()) continue;
        try {
          consumer.commitSync(pending); // after processing
          pending.clear();
        } catch (RebalanceInProgressException e) {
          // committed from onPartitionsRevoked in the next poll, or here after it
        }
      }
      if (!pending.isEmpty()) consumer.commitSync(pending);
    }
    OUT.println("{\"closed\": true}");
  }
}
