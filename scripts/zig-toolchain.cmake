# CMake toolchain for the Linux prebuilds (scripts/prebuild.js sets KN_ZIG and KN_ZIG_TARGET):
# zig cc/c++ targeting a pinned glibc (x86_64-linux-gnu.2.28: the floor of the official Node
# binaries) or musl, for x64 and arm64 alike, from this one x64 host. Only the compiler
# changes: CMakeLists.txt stays the one list of sources and flags.
if(NOT DEFINED ENV{KN_ZIG} OR NOT DEFINED ENV{KN_ZIG_TARGET})
  message(FATAL_ERROR "zig-toolchain.cmake is used through scripts/prebuild.js (KN_ZIG, KN_ZIG_TARGET)")
endif()
set(CMAKE_SYSTEM_NAME Linux)
string(REGEX MATCH "^[a-z0-9_]+" CMAKE_SYSTEM_PROCESSOR "$ENV{KN_ZIG_TARGET}")
set(CMAKE_C_COMPILER ${CMAKE_CURRENT_LIST_DIR}/zig/cc)
set(CMAKE_CXX_COMPILER ${CMAKE_CURRENT_LIST_DIR}/zig/c++)
set(CMAKE_ASM_COMPILER ${CMAKE_CURRENT_LIST_DIR}/zig/cc)
set(CMAKE_AR ${CMAKE_CURRENT_LIST_DIR}/zig/ar CACHE FILEPATH "zig ar")
set(CMAKE_RANLIB ${CMAKE_CURRENT_LIST_DIR}/zig/ranlib CACHE FILEPATH "zig ranlib")
# Prebuilds are linked stripped (the dynamic symbol table, the N-API entry points, stays).
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-s")
# Nothing of the host's libraries belongs in a prebuild (this also keeps the host-only
# rdkafka_performance target out of a cross tree).
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
