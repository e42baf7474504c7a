//! A ZIP archive of stored (uncompressed) files, written the same natively and in the checker
//! page: the bundles are small text files, and every unzip program reads stored entries.
//! Names are UTF-8 (flag bit 11); every entry carries the same date, so that the same files
//! give the same bytes.

/// CRC-32 (IEEE), as ZIP wants it.
pub fn crc32(data: &[u8]) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|n| {
            (0..8).fold(n, |c, _| {
                if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            })
        })
        .collect();
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8)
    })
}

/// An archive being written.
pub struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
    /// MS-DOS date of every entry.
    date: u16,
}

impl Zip {
    /// An empty archive whose entries are dated `year-month-day` (1980 or later).
    pub fn new(year: i32, month: u8, day: u8) -> Zip {
        let years = u16::try_from(year - 1980).unwrap_or(0).min(127);
        Zip {
            out: Vec::new(),
            central: Vec::new(),
            count: 0,
            date: (years << 9) | (u16::from(month.clamp(1, 12)) << 5) | u16::from(day.clamp(1, 31)),
        }
    }

    /// Adds one file.
    pub fn add(&mut self, name: &str, data: &[u8]) {
        let offset = self.out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        // Version needed 2.0, UTF-8 names, stored, time 00:00, the date, CRC, sizes, name.
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes());
            v.extend(0x0800u16.to_le_bytes());
            v.extend(0u16.to_le_bytes());
            v.extend(0u16.to_le_bytes());
            v.extend(self.date.to_le_bytes());
            v.extend(crc.to_le_bytes());
            v.extend(size.to_le_bytes());
            v.extend(size.to_le_bytes());
            v.extend(name_len.to_le_bytes());
            v.extend(0u16.to_le_bytes());
        };
        self.out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut self.out);
        self.out.extend(name.as_bytes());
        self.out.extend(data);

        self.central.extend(0x0201_4b50u32.to_le_bytes());
        self.central.extend(20u16.to_le_bytes());
        common(&mut self.central);
        // No comment, disk 0, no attributes, where the entry starts.
        self.central.extend([0u8; 10]);
        self.central.extend(offset.to_le_bytes());
        self.central.extend(name.as_bytes());
        self.count += 1;
    }

    /// The archive's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        let (start, size) = (self.out.len() as u32, self.central.len() as u32);
        self.out.append(&mut self.central);
        self.out.extend(0x0605_4b50u32.to_le_bytes());
        self.out.extend([0u8; 4]);
        self.out.extend(self.count.to_le_bytes());
        self.out.extend(self.count.to_le_bytes());
        self.out.extend(size.to_le_bytes());
        self.out.extend(start.to_le_bytes());
        self.out.extend(0u16.to_le_bytes());
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_ieee() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn an_archive_lists_its_files_at_the_end() {
        let mut z = Zip::new(2026, 1, 15);
        z.add("a.txt", b"hello");
        z.add("данные.csv", "x,y\r\n".as_bytes());
        let bytes = z.finish();
        assert_eq!(&bytes[..4], &[0x50, 0x4b, 3, 4]);
        let end = &bytes[bytes.len() - 22..];
        assert_eq!(&end[..4], &[0x50, 0x4b, 5, 6]);
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 2);
    }
}
