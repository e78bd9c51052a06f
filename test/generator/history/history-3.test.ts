import { historyShard } from "../helpers/history-suite.js";

historyShard(3, 4);
