/**
 * The admin client's exceptions: one per operation, thrown when the request as a whole
 * succeeded but some of its items (topics, groups, partitions, resources) failed. Each carries
 * every item's outcome ("report"), failed or not, and has code `Local_Partial`, as in .NET
 * (Confluent.Kafka.Admin.*Exception). A failure of the whole request is a plain KafkaException.
 */
import type {
  AlterConfigsReport,
  AlterConsumerGroupOffsetsReport,
  CreatePartitionsReport,
  CreateTopicReport,
  DeleteGroupReport,
  DeleteRecordsReport,
  DeleteTopicReport,
  DescribeConfigsReport,
  DescribeConsumerGroupsReport,
  DescribeTopicsReport,
  IncrementalAlterConfigsReport,
  ListConsumerGroupOffsetsReport,
  ListConsumerGroupsReport,
  ListOffsetsReport,
} from './admin-types';
import { KafkaError, KafkaException } from './errors';
import { ErrorCode } from './generated/error-code.gen';
import { topicPartitionToString } from './types';

/** "what: [names]: [reasons]." over the failed items, as .NET words these messages. */
function partial(what: string, failed: Array<{ name: string; error: KafkaError }>): KafkaError {
  const names = failed.map((f) => f.name).join(', ');
  const reasons = failed.map((f) => f.error.reason).join(', ');
  return new KafkaError(ErrorCode.Local_Partial, `An error occurred ${what}: [${names}]: [${reasons}].`);
}

function failedOf<T extends { error: KafkaError }>(items: readonly T[], name: (t: T) => string) {
  return items.filter((i) => i.error.isError).map((i) => ({ name: name(i), error: i.error }));
}

/** Some topics could not be created. .NET `CreateTopicsException`. */
export class CreateTopicsException extends KafkaException {
  /** One report per requested topic. .NET `Results`. */
  readonly results: CreateTopicReport[];
  constructor(results: CreateTopicReport[]) {
    super(partial('creating topics', failedOf(results, (r) => r.topic)));
    this.results = results;
  }
}

/** Some topics could not be deleted. .NET `DeleteTopicsException`. */
export class DeleteTopicsException extends KafkaException {
  readonly results: DeleteTopicReport[];
  constructor(results: DeleteTopicReport[]) {
    super(partial('deleting topics', failedOf(results, (r) => r.topic)));
    this.results = results;
  }
}

/** Some topics' partitions could not be created. .NET `CreatePartitionsException`. */
export class CreatePartitionsException extends KafkaException {
  readonly results: CreatePartitionsReport[];
  constructor(results: CreatePartitionsReport[]) {
    super(partial('creating partitions for topics', failedOf(results, (r) => r.topic)));
    this.results = results;
  }
}

/** Records could not be deleted from some partitions. .NET `DeleteRecordsException`. */
export class DeleteRecordsException extends KafkaException {
  readonly results: DeleteRecordsReport[];
  constructor(results: DeleteRecordsReport[]) {
    super(partial('deleting records', failedOf(results, topicPartitionToString)));
    this.results = results;
  }
}

/** Some resources' configs could not be described. .NET `DescribeConfigsException`. */
export class DescribeConfigsException extends KafkaException {
  readonly results: DescribeConfigsReport[];
  constructor(results: DescribeConfigsReport[]) {
    super(partial('describing configs', failedOf(results, (r) => `${r.configResource.name}`)));
    this.results = results;
  }
}

/** Some resources' configs could not be altered. .NET `AlterConfigsException`. */
export class AlterConfigsException extends KafkaException {
  readonly results: AlterConfigsReport[];
  constructor(results: AlterConfigsReport[]) {
    super(partial('altering configs', failedOf(results, (r) => `${r.configResource.name}`)));
    this.results = results;
  }
}

/** Some resources' configs could not be altered. .NET `IncrementalAlterConfigsException`. */
export class IncrementalAlterConfigsException extends KafkaException {
  readonly results: IncrementalAlterConfigsReport[];
  constructor(results: IncrementalAlterConfigsReport[]) {
    super(partial('incrementally altering configs', failedOf(results, (r) => `${r.configResource.name}`)));
    this.results = results;
  }
}

/** Some groups could not be deleted. .NET `DeleteGroupsException`. */
export class DeleteGroupsException extends KafkaException {
  readonly results: DeleteGroupReport[];
  constructor(results: DeleteGroupReport[]) {
    super(partial('deleting groups', failedOf(results, (r) => r.group)));
    this.results = results;
  }
}

/** A group's offsets (or some partitions') could not be listed. .NET `ListConsumerGroupOffsetsException`. */
export class ListConsumerGroupOffsetsException extends KafkaException {
  readonly results: ListConsumerGroupOffsetsReport[];
  constructor(results: ListConsumerGroupOffsetsReport[]) {
    super(partial('listing consumer group offsets', groupFailures(results)));
    this.results = results;
  }
}

/** A group's offsets (or some partitions') could not be altered. .NET `AlterConsumerGroupOffsetsException`. */
export class AlterConsumerGroupOffsetsException extends KafkaException {
  readonly results: AlterConsumerGroupOffsetsReport[];
  constructor(results: AlterConsumerGroupOffsetsReport[]) {
    super(partial('altering consumer group offsets', groupFailures(results)));
    this.results = results;
  }
}

function groupFailures(results: ListConsumerGroupOffsetsReport[]) {
  const out: Array<{ name: string; error: KafkaError }> = [];
  for (const r of results) {
    if (r.error.isError) out.push({ name: r.group, error: r.error });
    for (const p of r.partitions) if (p.error.isError) out.push({ name: `${r.group} ${topicPartitionToString(p)}`, error: p.error });
  }
  return out;
}

/** Some brokers could not list their groups. .NET `ListConsumerGroupsException`. */
export class ListConsumerGroupsException extends KafkaException {
  /** The groups that were listed, and the errors. .NET `Results`. */
  readonly results: ListConsumerGroupsReport;
  constructor(results: ListConsumerGroupsReport) {
    const reasons = results.errors.map((e) => e.reason).join(', ');
    super(new KafkaError(ErrorCode.Local_Partial, `An error occurred listing consumer groups: [${reasons}].`));
    this.results = results;
  }
}

/** Some groups could not be described. .NET `DescribeConsumerGroupsException`. */
export class DescribeConsumerGroupsException extends KafkaException {
  readonly results: DescribeConsumerGroupsReport;
  constructor(results: DescribeConsumerGroupsReport) {
    super(partial('describing consumer groups', failedOf(results.consumerGroupDescriptions, (d) => d.groupId)));
    this.results = results;
  }
}

/** Some topics could not be described. .NET `DescribeTopicsException`. */
export class DescribeTopicsException extends KafkaException {
  readonly results: DescribeTopicsReport;
  constructor(results: DescribeTopicsReport) {
    super(partial('describing topics', failedOf(results.topicDescriptions, (d) => d.name)));
    this.results = results;
  }
}

/** Offsets of some partitions could not be listed. .NET `ListOffsetsException`. */
export class ListOffsetsException extends KafkaException {
  /** .NET `Result`. */
  readonly result: ListOffsetsReport;
  constructor(result: ListOffsetsReport) {
    const failed = result.resultInfos
      .map((i) => i.topicPartitionOffsetError)
      .filter((t) => t.error.isError)
      .map((t) => ({ name: topicPartitionToString(t), error: t.error }));
    super(partial('listing offsets', failed));
    this.result = result;
  }
}

for (const cls of [
  CreateTopicsException,
  DeleteTopicsException,
  CreatePartitionsException,
  DeleteRecordsException,
  DescribeConfigsException,
  AlterConfigsException,
  IncrementalAlterConfigsException,
  DeleteGroupsException,
  ListConsumerGroupOffsetsException,
  AlterConsumerGroupOffsetsException,
  ListConsumerGroupsException,
  DescribeConsumerGroupsException,
  DescribeTopicsException,
  ListOffsetsException,
]) {
  // As in errors.ts: on the prototype, so the stack's first line has the right name.
  Object.defineProperty(cls.prototype, 'name', { value: cls.name, writable: true, enumerable: false, configurable: true });
}
