package dev.cairn.app.markdown;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown shown as JavaFX nodes (headings, paragraphs with emphasis and code, lists, quotes, code blocks,
 * rules), parsed by commonmark. No WebView: the app ships without javafx-web, and HTML in a model card
 * is shown as text, never run.
 */
public final class MarkdownView extends VBox {

    private static final Parser PARSER = Parser.builder().build();

    public MarkdownView() {
        getStyleClass().add("markdown");
        setSpacing(8);
    }

    /** Replaces what is shown with {@code markdown} rendered; null or blank shows nothing. */
    public void setMarkdown(String markdown) {
        getChildren().setAll(blocks(PARSER.parse(markdown == null ? "" : markdown)));
    }

    private static List<Node> blocks(org.commonmark.node.Node parent) {
        List<Node> nodes = new ArrayList<>();
        for (org.commonmark.node.Node block = parent.getFirstChild(); block != null; block = block.getNext()) {
            Node node = block(block);
            if (node != null) {
                nodes.add(node);
            }
        }
        return nodes;
    }

    private static Node block(org.commonmark.node.Node block) {
        if (block instanceof Heading heading) {
            TextFlow flow = inline(heading);
            flow.getStyleClass().addAll("markdown-heading", "title-" + Math.min(4, heading.getLevel()));
            flow.getChildren().forEach(text -> text.getStyleClass().add("title-" + Math.min(4, heading.getLevel())));
            return flow;
        }
        if (block instanceof Paragraph paragraph) {
            return inline(paragraph);
        }
        if (block instanceof BulletList || block instanceof OrderedList) {
            VBox list = new VBox(4);
            int number = block instanceof OrderedList ordered && ordered.getMarkerStartNumber() != null
                    ? ordered.getMarkerStartNumber() : 1;
            for (org.commonmark.node.Node item = block.getFirstChild(); item != null; item = item.getNext()) {
                if (item instanceof ListItem) {
                    Label marker = new Label(block instanceof OrderedList ? (number++) + "." : "\u2022");
                    marker.setMinWidth(22);
                    VBox content = new VBox(4);
                    content.getChildren().setAll(blocks(item));
                    HBox.setHgrow(content, Priority.ALWAYS);
                    list.getChildren().add(new HBox(4, marker, content));
                }
            }
            return list;
        }
        if (block instanceof FencedCodeBlock fenced) {
            return codeBlock(fenced.getLiteral());
        }
        if (block instanceof IndentedCodeBlock indented) {
            return codeBlock(indented.getLiteral());
        }
        if (block instanceof BlockQuote quote) {
            VBox box = new VBox(6);
            box.getStyleClass().add("markdown-quote");
            box.getChildren().setAll(blocks(quote));
            return box;
        }
        if (block instanceof ThematicBreak) {
            return new Separator();
        }
        // HTML blocks and anything else: their text, never rendered as markup.
        TextFlow flow = inline(block);
        return flow.getChildren().isEmpty() ? null : flow;
    }

    private static Label codeBlock(String code) {
        Label label = new Label(code.stripTrailing());
        label.getStyleClass().add("markdown-code-block");
        label.setWrapText(false);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    private static TextFlow inline(org.commonmark.node.Node parent) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("markdown-paragraph");
        appendInline(flow, parent, List.of());
        return flow;
    }

    private static void appendInline(TextFlow flow, org.commonmark.node.Node parent, List<String> styles) {
        for (org.commonmark.node.Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof org.commonmark.node.Text text) {
                flow.getChildren().add(text(text.getLiteral(), styles));
            } else if (node instanceof Code code) {
                flow.getChildren().add(text(code.getLiteral(), with(styles, "markdown-code")));
            } else if (node instanceof Emphasis) {
                appendInline(flow, node, with(styles, "markdown-emphasis"));
            } else if (node instanceof StrongEmphasis) {
                appendInline(flow, node, with(styles, "markdown-strong"));
            } else if (node instanceof Link) {
                appendInline(flow, node, with(styles, "markdown-link"));
            } else if (node instanceof SoftLineBreak) {
                flow.getChildren().add(text(" ", styles));
            } else if (node instanceof HardLineBreak) {
                flow.getChildren().add(text("\n", styles));
            } else if (node instanceof org.commonmark.node.HtmlInline html) {
                flow.getChildren().add(text(html.getLiteral(), styles));
            } else if (node instanceof org.commonmark.node.HtmlBlock html) {
                flow.getChildren().add(text(html.getLiteral(), styles));
            } else {
                appendInline(flow, node, styles);
            }
        }
    }

    private static Text text(String content, List<String> styles) {
        Text text = new Text(content);
        text.getStyleClass().add("markdown-text");
        text.getStyleClass().addAll(styles);
        return text;
    }

    private static List<String> with(List<String> styles, String style) {
        List<String> more = new ArrayList<>(styles);
        more.add(style);
        return more;
    }
}
