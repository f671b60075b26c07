// The web app's server code imports the Worker's service layer, which uses workerd APIs that the
// DOM lib's types do not know. These declarations bring them into the web project's type check.
interface SubtleCrypto {
  /** workerd: constant-time comparison of two equal-length buffers. */
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
}
