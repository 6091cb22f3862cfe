//! Small helpers over roxmltree for WordprocessingML: elements and attributes by local name
//! in the main namespace (transitional or strict), whatever prefix the file gives it.

use roxmltree::Node;

/// The main WordprocessingML namespace (transitional).
pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The same in ISO strict documents.
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Relationships (r:embed, r:id).
pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const R_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";

/// Whether `node` is the WordprocessingML element `name`.
pub fn is(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && matches!(node.tag_name().namespace(), Some(W | W_STRICT))
}

/// The element's local name when it is in the main namespace, else "".
pub fn w_name<'a>(node: Node<'a, '_>) -> &'a str {
    if node.is_element() && matches!(node.tag_name().namespace(), Some(W | W_STRICT)) {
        node.tag_name().name()
    } else {
        ""
    }
}

/// The first child element `name`.
pub fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(*n, name))
}

/// The attribute `name` in the main namespace (or without one, as some writers put it).
pub fn attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && matches!(a.namespace(), Some(W | W_STRICT) | None))
        .map(|a| a.value())
}

/// The `w:val` of an element.
pub fn val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    attr(node, "val")
}

/// A relationship id attribute (`r:embed`, `r:id`).
pub fn rel_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && matches!(a.namespace(), Some(R | R_STRICT)))
        .map(|a| a.value())
}

/// Whether an on/off property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
pub fn on(node: Option<Node>) -> bool {
    node.is_some_and(|n| !matches!(val(n), Some("0" | "false" | "off")))
}
