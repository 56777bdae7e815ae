#pragma once
#include "common.h"

namespace kafka_napi {
// Builds an rd_kafka_conf_t from { "dotted.key": "string value" }. On failure returns null with
// a pending Error carrying librdkafka's own message and `key` (the offending property).
rd_kafka_conf_t *BuildConf(Napi::Env env, Napi::Value config);
}
