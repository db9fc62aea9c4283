// libFuzzer's driver, for the fuzz targets' own `main` (SwiftPM links an executable's entry point under the
// target's name, so libFuzzer's `main` is never the one that runs).
#include <stddef.h>
#include <stdint.h>

/// Parses libFuzzer's options in `argv` and runs `callback` on each input (libFuzzer's FuzzerDriver.cpp).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
