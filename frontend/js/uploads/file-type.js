/**
 * What kind of image a file is, judged from its first bytes.
 *
 * A file's name and the browser's `file.type` are guesses: phones hand over HEIC photos with no
 * type at all, a camera's 3D photo ends in ".mpo", and anyone can rename a text file "photo.jpg".
 * Every image format starts with a fixed signature, so reading 32 bytes is enough to know. The
 * answer is the content type the page declares when it asks the API for an upload; the image
 * worker reads the bytes again on its side, so this check is for people, not for security.
 */

// How many bytes to read: every signature below, and an ISO BMFF box header with its first
// brands, fits in this.
const SIGNATURE_LENGTH = 32;

// HEIC, HEIF and AVIF files are ISO BMFF containers: an `ftyp` box whose "brands" name the
// format. AVIF shares the container and the generic HEIF brands, so an AVIF brand wins.
const AVIF_BRANDS = ["avif", "avis"];
const HEIC_BRANDS = ["heic", "heix", "heim", "heis", "hevc", "hevx"];
const HEIF_BRANDS = ["mif1", "msf1"];

/** Resolves to "image/jpeg", "image/png", ... or null when the bytes are no image we know. */
export async function detectImageType(file) {
  const bytes = new Uint8Array(await file.slice(0, SIGNATURE_LENGTH).arrayBuffer());
  // An MPO (a camera's multi-picture file) is a JPEG followed by more JPEGs.
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (text(bytes, 0, 6) === "GIF87a" || text(bytes, 0, 6) === "GIF89a") return "image/gif";
  if (text(bytes, 0, 4) === "RIFF" && text(bytes, 8, 12) === "WEBP") return "image/webp";
  return isoMediaImageType(bytes);
}

/**
 * An ISO BMFF file starts with its `ftyp` box: 4 bytes of box size, "ftyp", the major brand,
 * 4 bytes of version, then compatible brands up to the end of the box.
 */
function isoMediaImageType(bytes) {
  if (text(bytes, 4, 8) !== "ftyp") return null;
  const boxEnd = Math.min(new DataView(bytes.buffer).getUint32(0), bytes.length);
  const brands = [text(bytes, 8, 12)];
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(text(bytes, offset, offset + 4));

  if (brands.some((brand) => AVIF_BRANDS.includes(brand))) return "image/avif";
  if (brands.some((brand) => HEIC_BRANDS.includes(brand))) return "image/heic";
  if (brands.some((brand) => HEIF_BRANDS.includes(brand))) return "image/heif";
  return null;
}

function startsWith(bytes, signature) {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** Bytes `start` to `end` read as ASCII, the alphabet of every signature here. */
function text(bytes, start, end) {
  return String.fromCharCode(...bytes.subarray(start, end));
}
