// k6's exit codes (errext/exitcodes/codes.go), so wrappers and CI treat the embedded engine like k6.
export const EXIT_THRESHOLDS_FAILED = 99;
export const EXIT_SETUP_TIMEOUT = 100;
export const EXIT_TEARDOWN_TIMEOUT = 101;
export const EXIT_INVALID_CONFIG = 104;
export const EXIT_INTERRUPTED = 105;
export const EXIT_SCRIPT_EXCEPTION = 107;
export const EXIT_SCRIPT_ABORTED = 108;
export const EXIT_TEST_FAILED = 110;
export const EXIT_GENERIC = 255;
