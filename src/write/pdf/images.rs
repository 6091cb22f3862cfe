//! Pictures as PDF image XObjects: a JPEG passed through as it is (DCTDecode), PNG and GIF
//! decoded (the `png` and `gif` crates) and BMP read here, their pixels deflated, an alpha
//! channel as a soft mask. Metafiles (EMF, WMF) have no PDF form here: the layout draws a
//! framed placeholder for them instead.

use std::io::Write as _;

use lopdf::{Dictionary, Object, ObjectId, Stream};

use crate::model::{Image, ImageFormat};

/// Pixels decoded from a picture: 8 bits per component.
struct Pixels {
    width: u32,
    height: u32,
    /// Gray (1) or RGB (3) samples, row by row.
    color: Vec<u8>,
    components: u8,
    /// One alpha sample per pixel, when the picture has transparency.
    alpha: Option<Vec<u8>>,
}

/// Adds `image` to `lo` as an image XObject; `None` when it cannot be shown (a metafile, or
/// bytes that do not decode), with the reason.
pub fn add_xobject(lo: &mut lopdf::Document, image: &Image) -> Result<ObjectId, String> {
    match image.format {
        ImageFormat::Jpeg => jpeg(lo, &image.data),
        ImageFormat::Png => {
            let pixels = png_pixels(&image.data)?;
            Ok(add_pixels(lo, pixels))
        }
        ImageFormat::Gif => {
            let pixels = gif_pixels(&image.data)?;
            Ok(add_pixels(lo, pixels))
        }
        ImageFormat::Bmp => {
            let pixels = bmp_pixels(&image.data)?;
            Ok(add_pixels(lo, pixels))
        }
        ImageFormat::Emf | ImageFormat::Wmf => Err(format!(
            "{} pictures have no PDF form",
            image.format.extension().to_uppercase()
        )),
    }
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn add_pixels(lo: &mut lopdf::Document, pixels: Pixels) -> ObjectId {
    let mask = pixels.alpha.as_ref().map(|alpha| {
        let dict = Dictionary::from_iter([
            ("Type", Object::Name(b"XObject".to_vec())),
            ("Subtype", Object::Name(b"Image".to_vec())),
            ("Width", Object::Integer(i64::from(pixels.width))),
            ("Height", Object::Integer(i64::from(pixels.height))),
            ("ColorSpace", Object::Name(b"DeviceGray".to_vec())),
            ("BitsPerComponent", Object::Integer(8)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]);
        lo.add_object(Stream::new(dict, deflate(alpha)).with_compression(false))
    });
    let space: &[u8] = if pixels.components == 1 {
        b"DeviceGray"
    } else {
        b"DeviceRGB"
    };
    let mut dict = Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Image".to_vec())),
        ("Width", Object::Integer(i64::from(pixels.width))),
        ("Height", Object::Integer(i64::from(pixels.height))),
        ("ColorSpace", Object::Name(space.to_vec())),
        ("BitsPerComponent", Object::Integer(8)),
        ("Filter", Object::Name(b"FlateDecode".to_vec())),
    ]);
    if let Some(mask) = mask {
        dict.set("SMask", Object::Reference(mask));
    }
    lo.add_object(Stream::new(dict, deflate(&pixels.color)).with_compression(false))
}

/// A JPEG as it is: its size and components from the frame header.
fn jpeg(lo: &mut lopdf::Document, data: &[u8]) -> Result<ObjectId, String> {
    let (width, height, components) = jpeg_frame(data).ok_or("a JPEG without a frame header")?;
    let space: &[u8] = match components {
        1 => b"DeviceGray",
        3 => b"DeviceRGB",
        4 => b"DeviceCMYK",
        _ => return Err(format!("a JPEG with {components} components")),
    };
    let mut dict = Dictionary::from_iter([
        ("Type", Object::Name(b"XObject".to_vec())),
        ("Subtype", Object::Name(b"Image".to_vec())),
        ("Width", Object::Integer(i64::from(width))),
        ("Height", Object::Integer(i64::from(height))),
        ("ColorSpace", Object::Name(space.to_vec())),
        ("BitsPerComponent", Object::Integer(8)),
        ("Filter", Object::Name(b"DCTDecode".to_vec())),
    ]);
    if components == 4 {
        // Adobe's CMYK JPEGs store inverted values.
        dict.set(
            "Decode",
            Object::Array([1, 0, 1, 0, 1, 0, 1, 0].map(Object::Integer).to_vec()),
        );
    }
    Ok(lo.add_object(Stream::new(dict, data.to_vec()).with_compression(false)))
}

/// Width, height and component count from a JPEG's SOFn segment.
fn jpeg_frame(data: &[u8]) -> Option<(u32, u32, u8)> {
    let mut at = 2;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return None;
        }
        let marker = data[at + 1];
        if marker == 0xFF {
            at += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([data[at + 2], data[at + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let segment = data.get(at + 4..at + 2 + length)?;
            let height = u32::from(u16::from_be_bytes([*segment.get(1)?, *segment.get(2)?]));
            let width = u32::from(u16::from_be_bytes([*segment.get(3)?, *segment.get(4)?]));
            return Some((width, height, *segment.get(5)?));
        }
        at += 2 + length;
    }
    None
}

/// Splits interleaved samples with alpha into colour and alpha.
fn split_alpha(samples: &[u8], components: u8) -> (Vec<u8>, Vec<u8>) {
    let step = usize::from(components) + 1;
    let mut color = Vec::with_capacity(samples.len() / step * usize::from(components));
    let mut alpha = Vec::with_capacity(samples.len() / step);
    for pixel in samples.chunks_exact(step) {
        color.extend_from_slice(&pixel[..step - 1]);
        alpha.push(pixel[step - 1]);
    }
    (color, alpha)
}

/// Most pixels decoded from one picture (a 8000 × 8000 photo).
const MAX_PIXELS: u64 = 64_000_000;

fn png_pixels(data: &[u8]) -> Result<Pixels, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(data));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("a PNG that does not decode: {e}"))?;
    let info = reader.info();
    if u64::from(info.width) * u64::from(info.height) > MAX_PIXELS {
        return Err("a PNG too large to print".into());
    }
    let size = reader
        .output_buffer_size()
        .ok_or("a PNG too large to print")?;
    let mut buffer = vec![0; size];
    let frame = reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("a PNG that does not decode: {e}"))?;
    buffer.truncate(frame.buffer_size());
    let (components, has_alpha) = match frame.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("a PNG palette the decoder did not expand".into()),
    };
    let (color, alpha) = if has_alpha {
        let (color, alpha) = split_alpha(&buffer, components);
        (color, Some(alpha))
    } else {
        (buffer, None)
    };
    Ok(Pixels {
        width: frame.width,
        height: frame.height,
        color,
        components,
        alpha,
    })
}

fn gif_pixels(data: &[u8]) -> Result<Pixels, String> {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::io::Cursor::new(data))
        .map_err(|e| format!("a GIF that does not decode: {e}"))?;
    let (width, height) = (u32::from(decoder.width()), u32::from(decoder.height()));
    let frame = decoder
        .read_next_frame()
        .map_err(|e| format!("a GIF that does not decode: {e}"))?
        .ok_or("a GIF without a picture")?;
    // The first frame drawn on a transparent canvas of the picture's size.
    let mut canvas = vec![0u8; (width * height * 4) as usize];
    for y in 0..u32::from(frame.height) {
        for x in 0..u32::from(frame.width) {
            let (cx, cy) = (x + u32::from(frame.left), y + u32::from(frame.top));
            if cx >= width || cy >= height {
                continue;
            }
            let from = ((y * u32::from(frame.width) + x) * 4) as usize;
            let to = ((cy * width + cx) * 4) as usize;
            if let (Some(source), Some(target)) =
                (frame.buffer.get(from..from + 4), canvas.get_mut(to..to + 4))
            {
                target.copy_from_slice(source);
            }
        }
    }
    let (color, alpha) = split_alpha(&canvas, 3);
    Ok(Pixels {
        width,
        height,
        color,
        components: 3,
        alpha: Some(alpha),
    })
}

/// An uncompressed BMP of 24 or 32 bits a pixel (the kinds Word keeps).
fn bmp_pixels(data: &[u8]) -> Result<Pixels, String> {
    let word = |at: usize| {
        data.get(at..at + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
    };
    let dword = |at: usize| {
        data.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let offset = dword(10).ok_or("a BMP without a header")? as usize;
    let width = dword(18).ok_or("a BMP without a header")? as i32;
    let height = dword(22).ok_or("a BMP without a header")? as i32;
    let bits = word(28).ok_or("a BMP without a header")?;
    let compression = dword(30).unwrap_or(0);
    if !matches!(bits, 24 | 32) || !matches!(compression, 0 | 3) || width <= 0 || height == 0 {
        return Err(format!("a {bits}-bit BMP (only 24 and 32 bits are read)"));
    }
    let (width, rows) = (width as u32, height.unsigned_abs());
    if u64::from(width) * u64::from(rows) > MAX_PIXELS {
        return Err("a BMP too large to print".into());
    }
    let bytes_per_pixel = usize::from(bits / 8);
    let stride = (width as usize * bytes_per_pixel).div_ceil(4) * 4;
    let mut color = Vec::with_capacity(width as usize * rows as usize * 3);
    for row in 0..rows as usize {
        // Rows are stored bottom-up unless the height is negative.
        let source_row = if height > 0 {
            rows as usize - 1 - row
        } else {
            row
        };
        let start = offset + source_row * stride;
        let line = data
            .get(start..start + width as usize * bytes_per_pixel)
            .ok_or("a BMP shorter than its header says")?;
        for pixel in line.chunks_exact(bytes_per_pixel) {
            color.extend_from_slice(&[pixel[2], pixel[1], pixel[0]]);
        }
    }
    Ok(Pixels {
        width,
        height: rows,
        color,
        components: 3,
        alpha: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jpeg_frame_header_gives_size_and_components() {
        // SOI, an APP0 of 4 bytes, SOF0: precision 8, height 2, width 3, 3 components.
        let data = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 8, 0, 2, 0, 3,
            3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];
        assert_eq!(jpeg_frame(&data), Some((3, 2, 3)));
    }

    #[test]
    fn alpha_is_split_off() {
        let (color, alpha) = split_alpha(&[1, 2, 3, 4, 5, 6, 7, 8], 3);
        assert_eq!(color, vec![1, 2, 3, 5, 6, 7]);
        assert_eq!(alpha, vec![4, 8]);
    }
}
