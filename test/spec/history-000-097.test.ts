import { historyCheck } from "./history-check.js";

historyCheck("000", "097");
