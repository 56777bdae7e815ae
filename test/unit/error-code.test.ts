import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { native } from '../../src/binding';
import { ErrorCode } from '../../src/generated/error-code.gen';

// The generator's naming rule (CommonJS, no types): name from rd_kafka_get_err_descs() → .NET name.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require(path.resolve(__dirname, '../../scripts/generate.js')) as {
  errorCodeName(rdName: string): string;
  ERROR_SENTINELS: Set<string>;
};

/** Deprecated .NET aliases that duplicate the value of another member. */
const ALIASES: Record<string, string> = { GroupLoadInProress: 'GroupLoadInProgress' };

/** Name → value pairs of the numeric enum (TypeScript adds value → name reverse entries). */
function members(): Array<[string, number]> {
  return Object.entries(ErrorCode).filter((e): e is [string, number] => typeof e[1] === 'number');
}

/**
 * Every member of confluent-kafka-dotnet's src/Confluent.Kafka/ErrorCode.cs (as read from the
 * repository), plus the newer members listed in dotnet-api.md §8. Written out literally: it checks
 * the generator's exception table, not just its rule.
 */
const DOTNET = `
Local_BadMsg -199 Local_BadCompression -198 Local_Destroy -197 Local_Fail -196 Local_Transport -195
Local_CritSysResource -194 Local_Resolve -193 Local_MsgTimedOut -192 Local_PartitionEOF -191
Local_UnknownPartition -190 Local_FS -189 Local_UnknownTopic -188 Local_AllBrokersDown -187
Local_InvalidArg -186 Local_TimedOut -185 Local_QueueFull -184 Local_IsrInsuff -183 Local_NodeUpdate -182
Local_Ssl -181 Local_WaitCoord -180 Local_UnknownGroup -179 Local_InProgress -178 Local_PrevInProgress -177
Local_ExistingSubscription -176 Local_AssignPartitions -175 Local_RevokePartitions -174 Local_Conflict -173
Local_State -172 Local_UnknownProtocol -171 Local_NotImplemented -170 Local_Authentication -169
Local_NoOffset -168 Local_Outdated -167 Local_TimedOutQueue -166 Local_UnsupportedFeature -165
Local_WaitCache -164 Local_Intr -163 Local_KeySerialization -162 Local_ValueSerialization -161
Local_KeyDeserialization -160 Local_ValueDeserialization -159 Local_Partial -158 Local_ReadOnly -157
Local_NoEnt -156 Local_Underflow -155 Local_InvalidType -154 Local_Retry -153 Local_PurgeQueue -152
Local_PurgeInflight -151 Local_Fatal -150 Local_Inconsistent -149 Local_GaplessGuarantee -148
Local_MaxPollExceeded -147 Local_UnknownBroker -146 Local_NotConfigured -145 Local_Fenced -144
Local_Application -143 Local_AssignmentLost -142 Local_Noop -141 Local_AutoOffsetReset -140
Local_LogTruncation -139 Local_DestroyBroker -137
Unknown -1 NoError 0 OffsetOutOfRange 1 InvalidMsg 2 UnknownTopicOrPart 3 InvalidMsgSize 4
LeaderNotAvailable 5 NotLeaderForPartition 6 RequestTimedOut 7 BrokerNotAvailable 8 ReplicaNotAvailable 9
MsgSizeTooLarge 10 StaleCtrlEpoch 11 OffsetMetadataTooLarge 12 NetworkException 13 GroupLoadInProress 14
GroupLoadInProgress 14 GroupCoordinatorNotAvailable 15 NotCoordinatorForGroup 16 TopicException 17
RecordListTooLarge 18 NotEnoughReplicas 19 NotEnoughReplicasAfterAppend 20 InvalidRequiredAcks 21
IllegalGeneration 22 InconsistentGroupProtocol 23 InvalidGroupId 24 UnknownMemberId 25
InvalidSessionTimeout 26 RebalanceInProgress 27 InvalidCommitOffsetSize 28 TopicAuthorizationFailed 29
GroupAuthorizationFailed 30 ClusterAuthorizationFailed 31 InvalidTimestamp 32 UnsupportedSaslMechanism 33
IllegalSaslState 34 UnsupportedVersion 35 TopicAlreadyExists 36 InvalidPartitions 37
InvalidReplicationFactor 38 InvalidReplicaAssignment 39 InvalidConfig 40 NotController 41 InvalidRequest 42
UnsupportedForMessageFormat 43 PolicyViolation 44 OutOfOrderSequenceNumber 45 DuplicateSequenceNumber 46
InvalidProducerEpoch 47 InvalidTxnState 48 InvalidProducerIdMapping 49 InvalidTransactionTimeout 50
ConcurrentTransactions 51 TransactionCoordinatorFenced 52 TransactionalIdAuthorizationFailed 53
SecurityDisabled 54 OperationNotAttempted 55 KafkaStorageError 56 LogDirNotFound 57
SaslAuthenticationFailed 58 UnknownProducerId 59 ReassignmentInProgress 60 DelegationTokenAuthDisabled 61
DelegationTokenNotFound 62 DelegationTokenOwnerMismatch 63 DelegationTokenRequestNotAllowed 64
DelegationTokenAuthorizationFailed 65 DelegationTokenExpired 66 InvalidPrincipalType 67 NonEmptyGroup 68
GroupIdNotFound 69 FetchSessionIdNotFound 70 InvalidFetchSessionEpoch 71 ListenerNotFound 72
TopicDeletionDisabled 73 FencedLeaderEpoch 74 UnknownLeaderEpoch 75 UnsupportedCompressionType 76
StaleBrokerEpoch 77 OffsetNotAvailable 78 MemberIdRequired 79 PreferredLeaderNotAvailable 80
GroupMaxSizeReached 81 FencedInstanceId 82 EligibleLeadersNotAvailable 83 ElectionNotNeeded 84
NoReassignmentInProgress 85 GroupSubscribedToTopic 86 InvalidRecord 87 UnstableOffsetCommit 88
ThrottlingQuotaExceeded 89 ProducerFenced 90 ResourceNotFound 91 DuplicateResource 92
UnacceptableCredential 93 InconsistentVoterSet 94 InvalidUpdateVersion 95 FeatureUpdateFailed 96
PrincipalDeserializationFailure 97 UnknownTopicId 100 FencedMemberEpoch 110 StaleMemberEpoch 113
TelemetryTooLarge 118 RebootstrapRequired 129
`
  .trim()
  .split(/\s+/)
  .reduce<Array<[string, number]>>((acc, tok, i, all) => (i % 2 ? acc : [...acc, [tok, Number(all[i + 1])]]), []);

describe('ErrorCode', () => {
  const runtime = native.errDescs().filter((d) => !generator.ERROR_SENTINELS.has(d.name));

  it('the runtime table is non-trivial and its sentinels are recognised', () => {
    expect(runtime.length).toBeGreaterThan(150);
    const sentinels = native.errDescs().filter((d) => generator.ERROR_SENTINELS.has(d.name));
    expect(sentinels.map((d) => d.code).sort((a, b) => a - b)).toEqual([-200, -100]);
  });

  it('has a member for every code rd_kafka_get_err_descs() reports, named by the generator rule', () => {
    const problems: string[] = [];
    for (const d of runtime) {
      const expected = generator.errorCodeName(d.name);
      const actual = (ErrorCode as unknown as Record<string, unknown>)[expected];
      if (actual !== d.code) problems.push(`${d.name} (${d.code}) → ${expected} = ${String(actual)}`);
    }
    expect(problems).toEqual([]);
  });

  it('has no member that the runtime does not know (except deprecated aliases)', () => {
    const runtimeByCode = new Map(runtime.map((d) => [d.code, d.name]));
    const extra = members().filter(
      ([name, value]) => !ALIASES[name] && generator.errorCodeName(runtimeByCode.get(value) ?? '?') !== name,
    );
    expect(extra).toEqual([]);
    expect(members().length).toBe(runtime.length + Object.keys(ALIASES).length);
  });

  it('reverse-maps a duplicated value to the non-deprecated name', () => {
    expect(ErrorCode[14]).toBe('GroupLoadInProgress');
    expect(ErrorCode.GroupLoadInProress).toBe(ErrorCode.GroupLoadInProgress);
  });

  it('spells every .NET ErrorCode member as .NET does, with the same value', () => {
    expect(DOTNET.length).toBeGreaterThan(150);
    const wrong = DOTNET.filter(([name, value]) => (ErrorCode as unknown as Record<string, unknown>)[name] !== value);
    expect(wrong).toEqual([]);
  });

  it('matches the values spot-checked in dotnet-api.md §8 and API.md', () => {
    expect(ErrorCode.NoError).toBe(0);
    expect(ErrorCode.Unknown).toBe(-1);
    expect(ErrorCode.Local_MsgTimedOut).toBe(-192);
    expect(ErrorCode.Local_QueueFull).toBe(-184);
    expect(ErrorCode.Local_PartitionEOF).toBe(-191);
    expect(ErrorCode.Local_FS).toBe(-189);
    expect(ErrorCode.Local_IsrInsuff).toBe(-183);
    expect(ErrorCode.Local_Application).toBe(-143);
    expect(ErrorCode.UnknownTopicOrPart).toBe(3);
    expect(ErrorCode.MsgSizeTooLarge).toBe(10);
    expect(ErrorCode.ProducerFenced).toBe(90);
    expect(ErrorCode.RebootstrapRequired).toBe(129);
  });

  it('derives names by the .NET rule', () => {
    expect(generator.errorCodeName('_MSG_TIMED_OUT')).toBe('Local_MsgTimedOut');
    expect(generator.errorCodeName('_PARTITION_EOF')).toBe('Local_PartitionEOF');
    expect(generator.errorCodeName('MSG_SIZE_TOO_LARGE')).toBe('MsgSizeTooLarge');
    expect(generator.errorCodeName('UNKNOWN')).toBe('Unknown');
    expect(generator.errorCodeName('NO_ERROR')).toBe('NoError');
    expect(generator.errorCodeName('SHARE_SESSION_LIMIT_REACHED')).toBe('ShareSessionLimitReached');
  });
});
