import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.olap4j.Cell;
import org.olap4j.CellSet;
import org.olap4j.CellSetAxis;
import org.olap4j.OlapConnection;
import org.olap4j.Position;
import org.olap4j.metadata.Cube;
import org.olap4j.metadata.Dimension;
import org.olap4j.metadata.Hierarchy;
import org.olap4j.metadata.Level;
import org.olap4j.metadata.Measure;
import org.olap4j.metadata.Member;

/**
 * The tests' XMLA client: olap4j's XMLA driver connects to a Cuboid session with HTTP Basic, walks
 * the metadata (cubes, measures, dimensions, hierarchies, levels and every member of every level),
 * runs each query of a file and writes everything it saw, one tab-separated fact a line, for the
 * test to compare with the session's own answers.
 *
 * Usage: java XmlaClient URL USER PASSWORD QUERIES OUTPUT [members]
 *   QUERIES: one query a line, "name TAB mdx", newlines in the MDX written as \n.
 */
public final class XmlaClient {
    public static void main(String[] args) throws Exception {
        Class.forName("org.olap4j.driver.xmla.XmlaOlap4jDriver");
        boolean members = args.length > 5 && args[5].equals("members");
        try (Connection jdbc = DriverManager.getConnection(args[0], args[1], args[2]);
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(Paths.get(args[4]), StandardCharsets.UTF_8))) {
            OlapConnection connection = jdbc.unwrap(OlapConnection.class);
            out.println("CATALOG\t" + connection.getOlapCatalog().getName());
            for (Cube cube : connection.getOlapSchema().getCubes()) {
                out.println("CUBE\t" + cube.getName());
                for (Measure measure : cube.getMeasures()) {
                    out.println("MEASURE\t" + measure.getUniqueName() + "\t" + measure.getCaption());
                }
                for (Dimension dimension : cube.getDimensions()) {
                    out.println("DIMENSION\t" + dimension.getUniqueName() + "\t" + dimension.getDimensionType());
                    for (Hierarchy hierarchy : dimension.getHierarchies()) {
                        out.println("HIERARCHY\t" + hierarchy.getUniqueName() + "\t" + hierarchy.hasAll() + "\t" + hierarchy.getDefaultMember().getUniqueName());
                        for (Level level : hierarchy.getLevels()) {
                            out.println("LEVEL\t" + level.getUniqueName() + "\t" + level.getDepth() + "\t" + level.getCardinality());
                            if (!members || dimension.getDimensionType() == Dimension.Type.MEASURE) continue;
                            for (Member member : level.getMembers()) {
                                Member parent = member.getParentMember();
                                out.println("MEMBER\t" + level.getUniqueName() + "\t" + member.getUniqueName() + "\t" + member.getCaption() + "\t"
                                    + member.getChildMemberCount() + "\t" + (parent == null ? "" : parent.getUniqueName()));
                            }
                        }
                    }
                }
            }
            for (String line : Files.readAllLines(Paths.get(args[3]), StandardCharsets.UTF_8)) {
                if (line.isEmpty()) continue;
                String[] parts = line.split("\t", 2);
                out.println("QUERY\t" + parts[0]);
                try {
                    CellSet cells = connection.createStatement().executeOlapQuery(parts[1].replace("\\n", "\n"));
                    List<Integer> sizes = new ArrayList<>();
                    for (CellSetAxis axis : cells.getAxes()) {
                        sizes.add(axis.getPositionCount());
                        out.println("AXIS\t" + axis.getAxisOrdinal().axisOrdinal() + "\t" + axis.getPositionCount());
                        for (Position position : axis.getPositions()) {
                            StringBuilder tuple = new StringBuilder();
                            for (Member member : position.getMembers()) tuple.append(tuple.length() == 0 ? "" : ",").append(member.getUniqueName());
                            out.println("POSITION\t" + tuple);
                        }
                    }
                    int count = 1;
                    for (int size : sizes) count *= size;
                    for (int ordinal = 0; ordinal < count; ordinal++) {
                        Cell cell = cells.getCell(ordinal);
                        Object value = cell.getValue();
                        out.println("CELL\t" + ordinal + "\t" + (value == null ? "" : value.toString()) + "\t" + (cell.getFormattedValue() == null ? "" : cell.getFormattedValue()));
                    }
                } catch (Exception e) {
                    out.println("ERROR\t" + String.valueOf(e.getMessage()).replace('\n', ' ').replace('\t', ' '));
                }
            }
        }
    }
}
