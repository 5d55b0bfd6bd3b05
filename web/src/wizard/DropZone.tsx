import { useState, type DragEvent, type ReactNode } from "react";
import { t } from "../i18n";
import { DRAG_MIME, decodeDrag, encodeDrag, type DragItem, type Zone } from "../widget/edit";

export interface ZoneChip {
  caption: string;
  title?: string;
  onClick?: () => void;
}

interface Props {
  zone: Zone;
  label: string;
  chips: ZoneChip[];
  hint: string;
  onDrop: (item: DragItem, index?: number) => void;
  onRemove: (index: number) => void;
  children?: ReactNode;
}

/** A wizard drop zone: accepts items from the data model, reorders and removes its chips. */
export function DropZone({ zone, label, chips, hint, onDrop, onRemove, children }: Props) {
  const [over, setOver] = useState(false);
  const accept = (e: DragEvent) => {
    if (e.dataTransfer.types.includes(DRAG_MIME)) {
      e.preventDefault();
      e.stopPropagation();
      setOver(true);
    }
  };
  const drop = (e: DragEvent, index?: number) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const item = decodeDrag(e.dataTransfer.getData(DRAG_MIME));
    if (item) onDrop(item, index);
  };
  return (
    <div className="zone">
      <div className="zone-label">{label}</div>
      <div
        className={"zone-box" + (over ? " drop-over" : "")}
        data-testid={`drop-${zone}`}
        onDragOver={accept}
        onDragEnter={accept}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => drop(e)}
      >
        {chips.length === 0 && <span className="zone-hint">{hint}</span>}
        {chips.map((chip, i) => (
          <div
            key={i + chip.caption}
            className={"chip" + (chip.onClick ? " clickable" : "")}
            draggable
            data-testid={`zone-item-${zone}-${i}`}
            title={chip.title ?? chip.caption}
            onDragStart={(e) => {
              e.dataTransfer.setData(DRAG_MIME, encodeDrag({ kind: "field", zone, index: i }));
              e.dataTransfer.effectAllowed = "move";
            }}
            onDragOver={accept}
            onDrop={(e) => drop(e, i)}
            onClick={chip.onClick}
          >
            <span className="chip-caption">{chip.caption}</span>
            <button
              className="chip-remove"
              data-testid={`zone-remove-${zone}-${i}`}
              title={t("common.remove")}
              onClick={(e) => {
                e.stopPropagation();
                onRemove(i);
              }}
            >
              ×
            </button>
          </div>
        ))}
        {children}
      </div>
    </div>
  );
}
