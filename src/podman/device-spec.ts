// Devices as `devices:` lists them and podman --device / quadlet AddDevice= take them; config check and the
// container spec refuse the same values with this.

export const DEVICE_EXPECTED =
  'a device path like /dev/dri (or /dev/x:/dev/y:rwm) or a CDI name like nvidia.com/gpu=all';

const DEVICE_PATH = '/[A-Za-z0-9._+@/-]*';
// HOST[:CONTAINER][:PERMISSIONS], as podman-run(1) --device describes it.
const PATH_FORM = new RegExp(`^${DEVICE_PATH}(?::${DEVICE_PATH})?(?::[rwm]{1,3})?$`);
// vendor.com/class=name (the Container Device Interface's fully qualified name).
const CDI_FORM = /^[a-z0-9][a-z0-9.-]*\/[a-zA-Z0-9][a-zA-Z0-9_.-]*=[a-zA-Z0-9_][a-zA-Z0-9_.:-]*$/;

/** Why `text` is not a device podman and quadlet take as written, or undefined when it is one. */
export function checkDevice(text: string): string | undefined {
  if (PATH_FORM.test(text) || CDI_FORM.test(text)) return undefined;
  // quadlet reads a leading '-' as "skip when missing": podman run would not, so neither form allows it.
  if (!text.startsWith('/') && !text.includes('=')) return 'it is neither an absolute path nor a CDI name';
  return 'it holds characters or fields that neither form allows';
}
