import Foundation

/// Checks, before ZIPFoundation opens an archive, that every record ZIPFoundation will seek to
/// lies inside the bytes and has the signature it should.
///
/// Why bpv checks what ZIPFoundation should: ZIPFoundation reads an in-memory archive through a
/// `fopencookie` stream whose read callback traps when a seek went past the end
/// (`Archive+MemoryFile.swift`, `Range requires lowerBound <= upperBound`), and a malformed end
/// record, a central directory or local header offset past the end, or a data descriptor after
/// the end all seek there. A workbook is an untrusted file, so its structure is walked here, the
/// way ZIPFoundation will walk it, and anything that would send it outside is refused.
///
/// What a workbook never needs is refused too: ZIP64 (a list of students is far below 4 GB),
/// archives spanning disks, compression other than stored or deflate.
enum ZipStructure {
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let centralSignature: UInt32 = 0x0201_4B50
    private static let localSignature: UInt32 = 0x0403_4B50
    private static let endSize = 22, centralSize = 46, localSize = 30, descriptorSize = 16

    /// - Throws: ``WorkbookError/notAWorkbook(_:)`` naming what is wrong.
    /// - Complexity: O(size of the archive's end record search + central directory).
    static func validate(_ data: Data) throws(WorkbookError) {
        let bytes = [UInt8](data)
        let count = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        func refuse(_ why: String) -> WorkbookError { .notAWorkbook("damaged ZIP archive: \(why)") }

        // The end record as ZIPFoundation finds it: the last signature, scanning back from 22
        // bytes before the end.
        guard count >= endSize else { throw refuse("too short") }
        var end = -1
        var at = count - endSize
        while at >= 0 {
            if u32(at) == endSignature { end = at; break }
            at -= 1
        }
        guard end >= 0 else { throw refuse("no end of central directory record") }
        guard end + endSize + u16(end + 20) <= count else { throw refuse("the end record is cut off") }
        if end >= 20, u32(end - 20) == zip64LocatorSignature { throw refuse("ZIP64, which a workbook never needs") }
        let disk = u16(end + 4), startDisk = u16(end + 6)
        let entriesOnDisk = u16(end + 8), entries = u16(end + 10)
        let directorySize = Int(u32(end + 12)), directoryStart = Int(u32(end + 16))
        guard disk == 0, startDisk == 0, entriesOnDisk == entries else { throw refuse("it spans several disks") }
        guard entries != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryStart != 0xFFFF_FFFF else {
            throw refuse("ZIP64, which a workbook never needs")
        }
        guard directoryStart <= end, directorySize <= end - directoryStart else {
            throw refuse("the central directory lies outside the file")
        }

        var entry = directoryStart
        for _ in 0 ..< entries {
            guard entry + centralSize <= end, u32(entry) == centralSignature else {
                throw refuse("a central directory entry is missing or cut off")
            }
            let flags = u16(entry + 8), method = u16(entry + 10)
            let compressed = Int(u32(entry + 20)), uncompressed = Int(u32(entry + 24))
            let nameLength = u16(entry + 28), extraLength = u16(entry + 30), commentLength = u16(entry + 32)
            let local = Int(u32(entry + 42))
            guard method == 0 || method == 8 else { throw refuse("a part is compressed with method \(method), not deflate") }
            guard compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF, local != 0xFFFF_FFFF else {
                throw refuse("ZIP64, which a workbook never needs")
            }
            let extra = entry + centralSize + nameLength
            let next = extra + extraLength + commentLength
            guard next <= end else { throw refuse("a central directory entry is cut off") }
            try checkExtraFields(bytes, from: extra, length: extraLength, refuse)

            guard local + localSize <= count, u32(local) == localSignature else {
                throw refuse("a part's local header lies outside the file")
            }
            let localName = u16(local + 26), localExtra = u16(local + 28)
            let dataStart = local + localSize + localName + localExtra
            guard dataStart <= count else { throw refuse("a part's local header is cut off") }
            try checkExtraFields(bytes, from: local + localSize + localName, length: localExtra, refuse)
            // ZIPFoundation reads a stored part by its uncompressed size, a deflated one by its
            // compressed size.
            let stored = method == 0 ? uncompressed : compressed
            guard stored <= count - dataStart else { throw refuse("a part's data runs past the end of the file") }
            if flags & 0x8 != 0, dataStart + stored + descriptorSize > count {
                throw refuse("a part's data descriptor runs past the end of the file")
            }
            entry = next
        }
    }

    /// An extra field area must be whole (id, size, data) and hold no ZIP64 information.
    private static func checkExtraFields(
        _ bytes: [UInt8], from start: Int, length: Int, _ refuse: (String) -> WorkbookError
    ) throws(WorkbookError) {
        var at = start
        let end = start + length
        guard end <= bytes.count else { throw refuse("an extra field runs past the end of the file") }
        while at < end {
            guard at + 4 <= end else { throw refuse("an extra field is cut off") }
            let id = Int(bytes[at]) | Int(bytes[at + 1]) << 8
            let size = Int(bytes[at + 2]) | Int(bytes[at + 3]) << 8
            guard id != 0x0001 else { throw refuse("ZIP64, which a workbook never needs") }
            guard at + 4 + size <= end else { throw refuse("an extra field is cut off") }
            at += 4 + size
        }
    }
}
