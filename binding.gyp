# A shim, not a second build: node-gyp (node-gyp-build's fallback when no prebuild matches)
# runs scripts/build-native.js, which builds CMakeLists.txt -- the one list of sources and
# flags -- with cmake-js into build/Release.
{
  "targets": [
    {
      "target_name": "kafka_napi_cmake",
      "type": "none",
      "actions": [
        {
          "action_name": "cmake_js_compile",
          "inputs": [],
          "outputs": ["build/Release/kafka_napi.node.always"],
          "action": ["node", "<(module_root_dir)/scripts/build-native.js"]
        }
      ]
    }
  ]
}
