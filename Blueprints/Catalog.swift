import Infragen

/// The systems this repository renders, in the order `infragen list` shows them.
public let catalog = Catalog([
    .shop,
    .storefront,
    .baseImages,
    .polyglot,
    .billing,
])
