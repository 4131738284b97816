// Constants of the bzip2 stream format (Julian Seward's bzip2 1.0, as
// documented in Joe Tsai's "bzip2 format" notes and the format write-ups):
// the stream header, the 48-bit block and end-of-stream magics, the limits of
// the Huffman stage, and the table of the obsolete block randomisation.

/// Format constants shared by the bzip2 decoder and encoder.
enum BZip2Format {
    /// "BZh": the first three bytes of every stream; a digit '1'...'9' follows.
    static let streamMagic: [UInt8] = [0x42, 0x5A, 0x68]
    /// The 48 bits that open a block (the BCD digits of pi).
    static let blockMagic: UInt64 = 0x3141_5926_5359
    /// The 48 bits that end a stream (the BCD digits of sqrt(pi)).
    static let endMagic: UInt64 = 0x1772_4538_5090
    /// A block holds at most `level` times this many bytes after the initial run-length stage.
    static let blockUnit = 100_000
    /// Symbols coded with one Huffman table before the next selector.
    static let groupSize = 50
    /// Huffman tables per block: 2...6.
    static let minTables = 2
    static let maxTables = 6
    /// Selectors a block may use (bzip2 1.0.8 reads up to 32767 but keeps this many).
    static let maxSelectors = 18_002
    /// Longest code length the format can describe.
    static let maxCodeLength = 20
    /// Longest code length the encoder builds (bzip2 uses the same limit).
    static let maxEncodeCodeLength = 17
    /// RUNA, RUNB, up to 255 move-to-front positions, end of block.
    static let maxAlphabetSize = 258
    /// The two symbols that code runs of move-to-front position 0.
    static let runA = 0
    static let runB = 1

    /// The gaps between flipped bytes in a randomised block (bzip2 0.9.0's
    /// BZ2_rNums): the decoder XORs 1 into the byte after each gap.
    static let randomGaps: [UInt16] = [
        619, 720, 127, 481, 931, 816, 813, 233, 566, 247, 985, 724, 205, 454, 863, 491,
        741, 242, 949, 214, 733, 859, 335, 708, 621, 574, 73, 654, 730, 472, 419, 436,
        278, 496, 867, 210, 399, 680, 480, 51, 878, 465, 811, 169, 869, 675, 611, 697,
        867, 561, 862, 687, 507, 283, 482, 129, 807, 591, 733, 623, 150, 238, 59, 379,
        684, 877, 625, 169, 643, 105, 170, 607, 520, 932, 727, 476, 693, 425, 174, 647,
        73, 122, 335, 530, 442, 853, 695, 249, 445, 515, 909, 545, 703, 919, 874, 474,
        882, 500, 594, 612, 641, 801, 220, 162, 819, 984, 589, 513, 495, 799, 161, 604,
        958, 533, 221, 400, 386, 867, 600, 782, 382, 596, 414, 171, 516, 375, 682, 485,
        911, 276, 98, 553, 163, 354, 666, 933, 424, 341, 533, 870, 227, 730, 475, 186,
        263, 647, 537, 686, 600, 224, 469, 68, 770, 919, 190, 373, 294, 822, 808, 206,
        184, 943, 795, 384, 383, 461, 404, 758, 839, 887, 715, 67, 618, 276, 204, 918,
        873, 777, 604, 560, 951, 160, 578, 722, 79, 804, 96, 409, 713, 940, 652, 934,
        970, 447, 318, 353, 859, 672, 112, 785, 645, 863, 803, 350, 139, 93, 354, 99,
        820, 908, 609, 772, 154, 274, 580, 184, 79, 626, 630, 742, 653, 282, 762, 623,
        680, 81, 927, 626, 789, 125, 411, 521, 938, 300, 821, 78, 343, 175, 128, 250,
        170, 774, 972, 275, 999, 639, 495, 78, 352, 126, 857, 956, 358, 619, 580, 124,
        737, 594, 701, 612, 669, 112, 134, 694, 363, 992, 809, 743, 168, 974, 944, 375,
        748, 52, 600, 747, 642, 182, 862, 81, 344, 805, 988, 739, 511, 655, 814, 334,
        249, 515, 897, 955, 664, 981, 649, 113, 974, 459, 893, 228, 433, 837, 553, 268,
        926, 240, 102, 654, 459, 51, 686, 754, 806, 760, 493, 403, 415, 394, 687, 700,
        946, 670, 656, 610, 738, 392, 760, 799, 887, 653, 978, 321, 576, 617, 626, 502,
        894, 679, 243, 440, 680, 879, 194, 572, 640, 724, 926, 56, 204, 700, 707, 151,
        457, 449, 797, 195, 791, 558, 945, 679, 297, 59, 87, 824, 713, 663, 412, 693,
        342, 606, 134, 108, 571, 364, 631, 212, 174, 643, 304, 329, 343, 97, 430, 751,
        497, 314, 983, 374, 822, 928, 140, 206, 73, 263, 980, 736, 876, 478, 430, 305,
        170, 514, 364, 692, 829, 82, 855, 953, 676, 246, 369, 970, 294, 750, 807, 827,
        150, 790, 288, 923, 804, 378, 215, 828, 592, 281, 565, 555, 710, 82, 896, 831,
        547, 261, 524, 462, 293, 465, 502, 56, 661, 821, 976, 991, 658, 869, 905, 758,
        745, 193, 768, 550, 608, 933, 378, 286, 215, 979, 792, 961, 61, 688, 793, 644,
        986, 403, 106, 366, 905, 644, 372, 567, 466, 434, 645, 210, 389, 550, 919, 135,
        780, 773, 635, 389, 707, 100, 626, 958, 165, 504, 920, 176, 193, 713, 857, 265,
        203, 50, 668, 108, 645, 990, 626, 197, 510, 357, 358, 850, 858, 364, 936, 638,
    ]

    /// The combined stream CRC after one more block: rotate left by one, XOR the block's CRC.
    @inline(__always)
    static func combine(_ streamCRC: UInt32, _ blockCRC: UInt32) -> UInt32 {
        ((streamCRC &<< 1) | (streamCRC &>> 31)) ^ blockCRC
    }
}
