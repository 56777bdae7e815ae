#pragma once
#include "common.h"

namespace kafka_napi {
Napi::Function InitMockCluster(Napi::Env env);
}
