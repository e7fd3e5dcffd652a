//! The Content-Security-Policy of an HTML page: nothing may load or run but the page's
//! own inline `<script>` and `<style>` elements, each allowed by the SHA-256 hash of its
//! exact text, computed from the rendered page. Anything a template or an answer might
//! add (an injected `<script>`, an event handler, a `style` attribute, an image, a
//! request) is refused by the browser.

use std::io::{self, Write};

/// The page's own `<script>` and `<style>` elements, hashed as the page streams through
/// (nothing of it is kept): write the rendered page into it, then read [`Hashes::policy`].
#[derive(Default)]
pub struct Hashes {
    /// Bytes not yet placed: the start of a tag or end tag that may continue.
    pending: Vec<u8>,
    /// The element being hashed: `true` for a script, `false` for a style.
    inside: Option<(bool, Sha256)>,
    scripts: Vec<String>,
    styles: Vec<String>,
}

const SCRIPT: &[u8] = b"<script";
const STYLE: &[u8] = b"<style";
/// The longest text kept back while looking for an end tag (`</script`).
const END_TAG_LEN: usize = 8;

impl Hashes {
    /// The policy: `default-src 'none'`, the inline scripts and styles by hash, no
    /// `<base>`, no form submission.
    pub fn policy(&self) -> String {
        let list = |hashes: &[String]| {
            if hashes.is_empty() {
                "'none'".to_owned()
            } else {
                hashes
                    .iter()
                    .map(|h| format!("'sha256-{h}'"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        };
        format!(
            "default-src 'none'; script-src {}; style-src {}; base-uri 'none'; form-action 'none'",
            list(&self.scripts),
            list(&self.styles)
        )
    }

    fn scan(&mut self) {
        loop {
            match &mut self.inside {
                None => {
                    // The first `<script` or `<style` (not `<styles>` or `<scripting>`,
                    // other elements), found from the `<`s of the text.
                    let pending = &self.pending;
                    let found = memchr::memchr_iter(b'<', pending).find_map(|at| {
                        [(true, SCRIPT), (false, STYLE)]
                            .into_iter()
                            .find(|(_, tag)| {
                                pending[at..].starts_with(tag)
                                    && !matches!(
                                        pending.get(at + tag.len()),
                                        Some(b) if !matches!(
                                            b,
                                            b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'
                                        )
                                    )
                            })
                            .map(|(is_script, tag)| (at, is_script, tag.len()))
                    });
                    match found {
                        Some((at, is_script, len)) if at + len < self.pending.len() => {
                            let Some(gt) = memchr::memchr(b'>', &self.pending[at..]) else {
                                // The open tag continues in the next write.
                                self.pending.drain(..at);
                                return;
                            };
                            self.pending.drain(..at + gt + 1);
                            self.inside = Some((is_script, Sha256::new()));
                        }
                        Some((at, ..)) => {
                            self.pending.drain(..at);
                            return;
                        }
                        None => {
                            // Keep what could be the start of an open tag.
                            let keep = SCRIPT.len().min(self.pending.len());
                            self.pending.drain(..self.pending.len() - keep);
                            return;
                        }
                    }
                }
                Some((is_script, hasher)) => {
                    let end: &[u8] = if *is_script { b"</script" } else { b"</style" };
                    match memchr::memmem::find(&self.pending, end) {
                        Some(at) => {
                            hasher.update(&self.pending[..at]);
                            let hash = base64(&hasher.clone().finish());
                            if *is_script {
                                self.scripts.push(hash);
                            } else {
                                self.styles.push(hash);
                            }
                            self.pending.drain(..at);
                            self.inside = None;
                        }
                        None => {
                            let hashed = self.pending.len().saturating_sub(END_TAG_LEN);
                            hasher.update(&self.pending[..hashed]);
                            self.pending.drain(..hashed);
                            return;
                        }
                    }
                }
            }
        }
    }
}

impl Write for Hashes {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        // Outside a script or style, text without a `<` can start no element: most of a
        // page (its rows) passes with one byte search.
        if self.inside.is_none()
            && memchr::memchr(b'<', &self.pending).is_none()
            && memchr::memchr(b'<', bytes).is_none()
        {
            self.pending.clear();
            return Ok(bytes.len());
        }
        self.pending.extend_from_slice(bytes);
        self.scan();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Passes a page on to `out` with `<meta http-equiv="Content-Security-Policy">` inserted
/// right after its `<meta charset>` (else right after `<head>`), before every script and
/// style the policy allows. Only the start of the page is held back, until that place is
/// found; [`WithPolicy::finish`] writes what is held when it never is.
pub struct WithPolicy<'a> {
    out: &'a mut dyn Write,
    /// The meta element, until it is written.
    meta: Option<String>,
    held: Vec<u8>,
}

/// Past this much of the page without a `<meta charset>`, the policy goes after `<head>`.
const MAX_HELD: usize = 64 * 1024;

impl<'a> WithPolicy<'a> {
    pub fn new(out: &'a mut dyn Write, policy: &str) -> WithPolicy<'a> {
        WithPolicy {
            out,
            meta: Some(format!(
                "\n<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"
            )),
            held: Vec::new(),
        }
    }

    /// Writes whatever is still held back (a page without a `<head>` gets no policy).
    pub fn finish(mut self) -> io::Result<()> {
        if self.meta.is_some() {
            let at = tag_end(&self.held, b"<head");
            self.place(at)?;
        }
        self.out.flush()
    }

    /// Writes the held bytes with the meta element after the first `at` of them.
    fn place(&mut self, at: Option<usize>) -> io::Result<()> {
        let meta = self.meta.take().unwrap_or_default();
        let held = std::mem::take(&mut self.held);
        match at {
            Some(at) => {
                self.out.write_all(&held[..at])?;
                self.out.write_all(meta.as_bytes())?;
                self.out.write_all(&held[at..])
            }
            None => self.out.write_all(&held),
        }
    }
}

impl Write for WithPolicy<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.meta.is_none() {
            return self.out.write(bytes);
        }
        self.held.extend_from_slice(bytes);
        if let Some(at) = tag_end(&self.held, b"<meta charset") {
            self.place(Some(at))?;
        } else if self.held.len() > MAX_HELD
            || memchr::memmem::find(&self.held, b"</head").is_some()
        {
            let at = tag_end(&self.held, b"<head");
            self.place(at)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The offset just after the `>` of the first tag of `bytes` starting with `start`.
fn tag_end(bytes: &[u8], start: &[u8]) -> Option<usize> {
    let at = memchr::memmem::find(bytes, start)?;
    memchr::memchr(b'>', &bytes[at..]).map(|i| at + i + 1)
}

/// The policy of a whole page (as [`Hashes`] finds it).
#[cfg(test)]
pub fn policy(page: &str) -> String {
    let mut hashes = Hashes::default();
    hashes
        .write_all(page.as_bytes())
        .expect("hashing in memory");
    hashes.policy()
}

/// `page` with its policy, written in chunks of `chunk` bytes as a template would.
#[cfg(test)]
fn with_policy_in_chunks(page: &str, chunk: usize) -> String {
    let mut hashes = Hashes::default();
    for part in page.as_bytes().chunks(chunk) {
        hashes.write_all(part).unwrap();
    }
    let mut out = Vec::new();
    let mut writer = WithPolicy::new(&mut out, &hashes.policy());
    for part in page.as_bytes().chunks(chunk) {
        writer.write_all(part).unwrap();
    }
    writer.finish().unwrap();
    String::from_utf8(out).expect("UTF-8 in, UTF-8 out")
}

#[cfg(test)]
pub fn with_policy(page: &str) -> String {
    with_policy_in_chunks(page, page.len().max(1))
}

/// SHA-256 (FIPS 180-4), fed in pieces.
#[derive(Clone)]
struct Sha256 {
    state: [u32; 8],
    /// Bytes of the block being filled (fewer than 64).
    block: Vec<u8>,
    length: u64,
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

impl Sha256 {
    fn new() -> Sha256 {
        Sha256 {
            state: [
                0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                0x5be0cd19,
            ],
            block: Vec::with_capacity(64),
            length: 0,
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        self.length += data.len() as u64;
        while !data.is_empty() {
            let take = (64 - self.block.len()).min(data.len());
            self.block.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.block.len() == 64 {
                let block: [u8; 64] = self.block[..].try_into().expect("64 bytes");
                self.compress(&block);
                self.block.clear();
            }
        }
    }

    fn finish(mut self) -> [u8; 32] {
        let bits = self.length * 8;
        let mut tail = vec![0x80u8];
        while (self.block.len() + tail.len()) % 64 != 56 {
            tail.push(0);
        }
        tail.extend_from_slice(&bits.to_be_bytes());
        let length = self.length;
        self.update(&tail);
        self.length = length;
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(4).zip(self.state) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
        out
    }

    fn compress(&mut self, block: &[u8; 64]) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = self.state;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (state, value) in self.state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *state = state.wrapping_add(value);
        }
    }
}

/// SHA-256 of `data` at once.
#[cfg(test)]
fn sha256(data: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(data);
    hasher.finish()
}

/// Standard base64 with padding (RFC 4648 §4), as CSP hash sources are written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha256_and_base64_match_their_standards() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(&sha256(&[b'a'; 1000])),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
        );
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        // The hash the CSP specification gives for `alert('Hello, world.');`.
        assert_eq!(
            base64(&sha256(b"alert('Hello, world.');")),
            "qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng="
        );
    }

    #[test]
    fn streaming_in_any_chunks_gives_the_same_page() {
        let style = "a{}".repeat(40);
        let page = format!(
            "<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\">\n<style>{style}</style></head><body><p>本文 <scripting> <styles></p><script type=\"x\">{}</script><script>b()</script></body></html>\n",
            "let x = '漢字 </scrip';".repeat(30)
        );
        let whole = with_policy(&page);
        assert!(whole.contains("style-src 'sha256-"), "{whole}");
        assert_eq!(whole.matches("'sha256-").count(), 3, "{whole}");
        for chunk in [1, 2, 3, 7, 8, 9, 63, 64, 65, 1000] {
            assert_eq!(
                with_policy_in_chunks(&page, chunk),
                whole,
                "chunks of {chunk}"
            );
        }
        let mut long = vec![b'a'; 200];
        let mut hasher = Sha256::new();
        for part in long.chunks(7) {
            hasher.update(part);
        }
        assert_eq!(hasher.finish(), sha256(&long));
        long.clear();
    }

    #[test]
    fn the_policy_allows_exactly_the_page_s_own_script_and_style() {
        let page = "<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\">\n<style>a{}</style><script>alert('Hello, world.');</script></head><body><styles></styles></body></html>";
        let out = with_policy(page);
        assert!(out.starts_with("<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='; style-src 'sha256-"), "{out}");
        assert!(out.ends_with("'; base-uri 'none'; form-action 'none'\">\n<style>a{}</style><script>alert('Hello, world.');</script></head><body><styles></styles></body></html>"), "{out}");
        assert_eq!(
            policy("<head></head>"),
            "default-src 'none'; script-src 'none'; style-src 'none'; base-uri 'none'; form-action 'none'"
        );
    }
}
